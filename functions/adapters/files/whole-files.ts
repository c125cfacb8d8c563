import { randomBytes } from 'node:crypto';
import { linkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';

/**
 * Files written whole or not at all. `writeFileSync` truncates first and writes after, so a
 * process killed between the two (the reliability run's SIGKILL did) leaves an empty or half file
 * that the next start cannot read. These write a temporary file beside the target and put it in
 * place with one rename or link, which the file system does at once. A kill before that leaves
 * the target as it was and a `.tmp` file beside it.
 */
const beside = (path: string) => `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;

/** Replaces the file at `path` (or creates it) with `data`. */
export function replaceFile(path: string, data: string, options: { mode?: number } = {}): void {
  const temp = beside(path);
  writeFileSync(temp, data, options);
  renameSync(temp, path);
}

/** Creates the file at `path` with `data` unless one is there: false then, and that one is left alone. */
export function createFile(path: string, data: string): boolean {
  const temp = beside(path);
  writeFileSync(temp, data);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}
