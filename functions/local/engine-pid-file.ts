import { readFileSync, rmSync } from 'node:fs';
import { replaceFile } from '../adapters/files/whole-files.js';

/**
 * The DynamoDB Local a platform started, recorded in a file under its data directory. A platform
 * killed without a shutdown (SIGKILL, a crash) leaves its engine running, holding the data
 * directory and the port, and the next start could not start its own. The record lets that start
 * find the orphan and stop it: only it, never a process that has since taken its pid.
 */
export interface EngineRecord {
  pid: number;
  port: number;
  /** How the engine was started (java, DynamoDBLocal.jar, the data path, the port): who it is. */
  commandLine: readonly string[];
  /** The platform's process, the engine's parent while that lives. */
  ownerPid: number;
}

export class DataDirInUseError extends Error {
  constructor(dbPath: string, record: EngineRecord) {
    super(
      `The local data in ${dbPath} is in use by the DynamoDB Local (pid ${record.pid}, port ${record.port}) of another platform that is still running (pid ${record.ownerPid}): stop that one first, or set DATA_DIR to another folder.`,
    );
  }
}

export function recordEngine(pidFile: string, record: EngineRecord): void {
  replaceFile(pidFile, `${JSON.stringify(record)}\n`);
}

export function forgetEngine(pidFile: string): void {
  rmSync(pidFile, { force: true });
}

const TERM_DEADLINE_MS = 5_000;
const KILL_DEADLINE_MS = 5_000;

/**
 * Stops the engine the pid file names if it still runs on `dbPath` and the platform that started
 * it is gone; returns its record then, undefined when there was nothing to stop. Refuses
 * (DataDirInUseError) when that platform still runs. Leaves alone any process that is not the
 * engine recorded: another command line means the pid was taken by someone else. Linux only (it
 * reads /proc); elsewhere an orphan is not recognised, and its port stays refused as before.
 */
export async function stopOrphanedEngine(pidFile: string, dbPath: string): Promise<EngineRecord | undefined> {
  const record = readRecord(pidFile);
  if (!record || !startedOn(record, dbPath)) return undefined;
  const running = runningAs(record);
  if (!running) return undefined;
  if (running.parentPid === record.ownerPid) throw new DataDirInUseError(dbPath, record);
  // Checked again before each signal and while waiting: once it exits, its pid may be anyone's.
  const isOurs = () => runningAs(record) !== undefined;
  process.kill(record.pid, 'SIGTERM');
  if (!(await until(() => !isOurs(), TERM_DEADLINE_MS))) {
    if (isOurs()) process.kill(record.pid, 'SIGKILL');
    if (!(await until(() => !isOurs(), KILL_DEADLINE_MS)))
      throw new Error(`DynamoDB Local (pid ${record.pid}) on ${dbPath} did not stop after SIGKILL`);
  }
  return record;
}

function readRecord(pidFile: string): EngineRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(pidFile, 'utf8')) as Partial<EngineRecord>;
    const { pid, port, commandLine, ownerPid } = record;
    // A pid of 0 or -1 would signal a whole process group, or every process.
    const positive = (n: unknown) => Number.isInteger(n) && Number(n) > 0;
    if (
      positive(pid) &&
      positive(port) &&
      positive(ownerPid) &&
      Array.isArray(commandLine) &&
      commandLine.every((arg) => typeof arg === 'string')
    )
      return record as EngineRecord;
  } catch {
    // none, or not one of ours: nothing to go by
  }
  return undefined;
}

/** The record is of a DynamoDB Local on this data path (and not, say, a file copied from elsewhere). */
function startedOn(record: EngineRecord, dbPath: string): boolean {
  const args = record.commandLine;
  return (
    args.some((arg) => arg.endsWith('DynamoDBLocal.jar')) && args[args.indexOf('-dbPath') + 1] === dbPath
  );
}

/**
 * The recorded pid's parent when that process runs with exactly the recorded command line;
 * undefined when it is gone, a zombie (exited, its port released) or someone else.
 */
function runningAs(record: EngineRecord): { parentPid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${record.pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const [state, parentPid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z') return undefined;
    const args = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
    const same =
      args.length === record.commandLine.length && args.every((a, i) => a === record.commandLine[i]);
    return same ? { parentPid: Number(parentPid) } : undefined;
  } catch {
    return undefined; // no such process, or no /proc
  }
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
