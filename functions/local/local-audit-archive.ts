import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type ArchivedEvent,
  type AuditArchive,
  archiveBody,
  archiveKey,
} from '../adapters/archive/audit-archive.js';
import { createFile } from '../adapters/files/whole-files.js';

/**
 * The audit archive on a developer's machine: one JSON file per event under
 * `<DATA_DIR>/audit-archive/`, at the key the S3 bucket uses (`audit/<trackingNo>/…`). A file
 * already there is left alone, as S3's conditional write leaves an object, and a file is never
 * there half written.
 */
export class FileAuditArchive implements AuditArchive {
  constructor(private readonly root: string) {}

  async store(event: ArchivedEvent): Promise<'stored' | 'already-stored'> {
    const path = join(this.root, archiveKey(event));
    mkdirSync(dirname(path), { recursive: true });
    return createFile(path, archiveBody(event)) ? 'stored' : 'already-stored';
  }
}
