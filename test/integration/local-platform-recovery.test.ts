import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortTakenError, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { DataDirInUseError } from '../../functions/local/engine-pid-file.js';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { freePort } from '../support/dynamodb-global-setup.js';

/**
 * `npm start` after a crash: the platform SIGKILLed leaves its DynamoDB Local running on the data
 * directory and the port, and the next start must stop that orphan, never anything else; and a
 * DynamoDB Local that dies under a running platform is started again.
 */
const repo = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'local-recovery-'));
const dbPath = join(dataDir, 'dynamodb');
const pidFile = join(dataDir, 'dynamodb-local.pid');
let port: number;
let dynamoPort: number;
const children: ChildProcess[] = [];
const bystanders: ChildProcess[] = [];
const servers: Server[] = [];

/**
 * The DynamoDB Local engines on this file's data directory, found by their command line (what
 * `ps` shows), not by anything the platform records.
 */
function enginesOn(path: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const jar = args.some((a) => a.endsWith('DynamoDBLocal.jar'));
    if (jar && args[args.indexOf('-dbPath') + 1] === path) pids.push(Number(entry));
  }
  return pids;
}

/**
 * `npm start` as one process: node with tsx as a loader. tsx's own command line would start the
 * platform in a second process, which a SIGKILL of the first would leave running.
 */
function startMain() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    DYNAMODB_PORT: String(dynamoPort),
    LOG_LEVEL: 'ERROR',
  };
  delete env.DYNAMODB_ENDPOINT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, exited, output: () => output };
}

const health = () =>
  fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
    (r) => r.status,
    () => 0,
  );

/** Polls health until 200; fails at once if the platform exits, with what it printed. */
async function healthy(main: ReturnType<typeof startMain>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (main.child.exitCode !== null)
      throw new Error(`npm start exited (${main.child.exitCode}): ${main.output().slice(-1000)}`);
    if ((await health()) === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`npm start was not healthy within ${timeoutMs / 1000} s: ${main.output().slice(-1000)}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  port = await freePort();
  dynamoPort = await freePort();
  // The demo bank seeded once, here: npm start's first start would also write 90 days of history.
  const seeding = await startLocalPlatform({
    port: 0,
    dataDir,
    dynamoPort,
    scheduler: false,
    streams: false,
  });
  await seeding.stop();
}, 90_000);

afterAll(async () => {
  // Whatever happened: nothing this file started keeps running.
  for (const child of [...children, ...bystanders]) if (child.exitCode === null) child.kill('SIGKILL');
  for (const pid of enginesOn(dbPath)) process.kill(pid, 'SIGKILL');
  for (const server of servers) server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The pid file the SIGKILLed start left, naming its orphaned engine. */
let leftBehind: string | undefined;

describe('npm start after a crash', () => {
  let running: ReturnType<typeof startMain>;

  it('stops the DynamoDB Local a SIGKILLed start left running, and comes up', async () => {
    const crashed = startMain();
    await healthy(crashed);
    const [orphan] = enginesOn(dbPath);
    expect(orphan).toBeDefined();
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(enginesOn(dbPath), 'the engine outlives the platform').toEqual([orphan]);
    leftBehind = readFileSync(pidFile, 'utf8');

    running = startMain();
    await healthy(running);
    expect(enginesOn(dbPath)).toHaveLength(1);
    expect(enginesOn(dbPath)).not.toContain(orphan);
    expect(running.output()).toMatch(/left running/);
  }, 120_000);

  it('starts DynamoDB Local again when it dies under the running platform', async () => {
    const [engine] = enginesOn(dbPath);
    if (!engine) throw new Error('no DynamoDB Local runs under the platform'); // kill(0) would hit this run
    process.kill(engine, 'SIGKILL');
    await expect.poll(health, { timeout: 10_000 }).toBe(503);
    await expect.poll(health, { timeout: 45_000, interval: 200 }).toBe(200);
    const [restarted] = enginesOn(dbPath);
    expect(enginesOn(dbPath)).toHaveLength(1);
    expect(restarted).not.toBe(engine);
    expect(running.output()).toMatch(/DynamoDB Local exited \(SIGKILL\); starting it again/);
    // The pid file names the new engine, so a crash from now on leaves it findable too.
    expect(JSON.parse(readFileSync(pidFile, 'utf8'))).toMatchObject({ pid: restarted });
  }, 60_000);

  it('stops DynamoDB Local and forgets it on a clean stop', async () => {
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(enginesOn(dbPath)).toEqual([]);
    expect(existsSync(pidFile)).toBe(false);
  }, 30_000);
});

describe('the pid file of a crashed start', () => {
  /** The pid file the crash left, but its pid now another process's. */
  function pidFileNaming(pid: number) {
    expect(leftBehind, 'the first test left a pid file').toBeDefined();
    writeFileSync(pidFile, JSON.stringify({ ...JSON.parse(leftBehind ?? '{}'), pid }));
  }
  /** An unrelated process, which took the pid the file names. */
  function bystander() {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    bystanders.push(child);
    return child.pid ?? 0;
  }

  it('never stops another process that took its pid, nor the engine of a platform still running', async () => {
    const other = bystander();
    pidFileNaming(other);
    const engine = await startDynamoDbLocal({ port: dynamoPort, dataDir });
    try {
      expect(alive(other)).toBe(true);
      // A second platform on the same data (another port) is refused; the running engine is left alone.
      await expect(startDynamoDbLocal({ port: await freePort(), dataDir })).rejects.toBeInstanceOf(
        DataDirInUseError,
      );
      expect(enginesOn(dbPath)).toEqual([engine.pid]);
    } finally {
      await engine.stop();
    }
    expect(alive(other)).toBe(true);
  }, 30_000);

  it('still refuses a port something else holds', async () => {
    const other = bystander();
    pidFileNaming(other);
    const holder = createServer();
    servers.push(holder);
    await new Promise<void>((listening) => holder.listen(dynamoPort, '127.0.0.1', () => listening()));
    await expect(startDynamoDbLocal({ port: dynamoPort, dataDir })).rejects.toBeInstanceOf(PortTakenError);
    expect(alive(other)).toBe(true);
  });
});
