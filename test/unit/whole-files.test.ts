import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFile, replaceFile } from '../../functions/adapters/files/whole-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'whole-files-'));
});

/** What a reader that opened the file before the write still reads from it. */
function readOpened(fd: number): string {
  const buffer = Buffer.alloc(256);
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  return buffer.subarray(0, n).toString();
}

describe('replaceFile', () => {
  it('never changes the file in place: the old one stays whole until the new one replaces it at once', () => {
    const path = join(dir, 'checkpoints.json');
    writeFileSync(path, '{"shard-1":"100"}');
    const reader = openSync(path, 'r');
    replaceFile(path, '{"shard-1":"200"}');
    // A write in place (truncate, then write) would have emptied or changed what the reader sees;
    // a kill between those two steps is what left the empty checkpoint file the next start choked on.
    expect(readOpened(reader)).toBe('{"shard-1":"100"}');
    closeSync(reader);
    expect(readFileSync(path, 'utf8')).toBe('{"shard-1":"200"}');
  });

  it('creates a missing file, with the mode asked for, and leaves no temporary file', () => {
    const path = join(dir, 'secrets.json');
    replaceFile(path, '{}', { mode: 0o600 });
    expect(readFileSync(path, 'utf8')).toBe('{}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });
});

describe('createFile', () => {
  it('creates a file once and leaves an existing one alone, as a conditional write does', () => {
    const path = join(dir, 'event.json');
    expect(createFile(path, 'first')).toBe(true);
    expect(createFile(path, 'second')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['event.json']);
  });
});
