import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type ArchivedEvent,
  type AuditArchive,
  archiveBody,
  archiveKey,
} from '../adapters/archive/audit-archive.js';

/**
 * The audit archive on a developer's machine: one JSON file per event under
 * `<DATA_DIR>/audit-archive/`, at the key the S3 bucket uses (`audit/<trackingNo>/…`). A file
 * already there is left alone (`wx`), as S3's conditional write leaves an object.
 */
export class FileAuditArchive implements AuditArchive {
  constructor(private readonly root: string) {}

  async store(event: ArchivedEvent): Promise<'stored' | 'already-stored'> {
    const path = join(this.root, archiveKey(event));
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, archiveBody(event), { flag: 'wx' });
      return 'stored';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'already-stored';
      throw error;
    }
  }
}
