import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { archiveKey, MemoryAuditArchive } from '../../functions/adapters/archive/audit-archive.js';
import { S3AuditArchive } from '../../functions/adapters/archive/s3-audit-archive.js';
import type { Dependencies } from '../../functions/dependencies.js';
import type { Notification, Notifier } from '../../functions/domain/notifier.js';
import { FileAuditArchive } from '../../functions/local/local-audit-archive.js';
import { processStream } from '../../functions/streams/process-stream.js';
import { STREAM_TRIGGERS, streamReactions } from '../../functions/streams/reactions.js';

/** An audit event as the table stores it (complaint-repository.ts eventItem). */
const eventItem = (seq: number, notifications: Notification[] = []) => ({
  pk: 'COMPLAINT#K7QM-4HXP-9TWA',
  sk: `E#2026-11-24T02:00:0${seq}.000Z#${String(seq).padStart(4, '0')}`,
  type: 'complaint-event',
  trackingNo: 'K7QM-4HXP-9TWA',
  seq,
  at: `2026-11-24T02:00:0${seq}.000Z`,
  action: seq === 0 ? 'received' : 'assigned',
  actor: { kind: 'system' },
  notifications,
});
const event = (seq: number) => {
  const item = eventItem(seq);
  return { trackingNo: item.trackingNo, seq: item.seq, at: item.at, item };
};

/** Captures the requests the adapter hands to the SDK client, as S3 would receive them. */
function capturingS3(answer: (input: PutObjectCommand['input']) => unknown = () => ({ ETag: '"e"' })) {
  const requests: PutObjectCommand['input'][] = [];
  const client = {
    send: async (command: PutObjectCommand) => {
      requests.push(command.input);
      const outcome = answer(command.input);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  } as unknown as S3Client;
  return { client, requests };
}

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('the audit archive’s object keys', () => {
  it('name the complaint, then the event’s sequence and time, so a complaint’s events list in order', () => {
    expect(archiveKey(event(1))).toBe('audit/K7QM-4HXP-9TWA/0001-20261124T020001000Z.json');
    expect(archiveKey(event(0)) < archiveKey(event(1))).toBe(true);
  });

  it('refuse what is not a tracking number (no path can be smuggled into a key)', () => {
    expect(() => archiveKey({ trackingNo: '../other', seq: 1, at: '2026-11-24T02:00:00Z' })).toThrow(
      /Not a tracking number/,
    );
  });
});

describe('S3AuditArchive', () => {
  it('writes each event once, as JSON, with a conditional write and a checksum (Object Lock needs one)', async () => {
    const { client, requests } = capturingS3();
    expect(await new S3AuditArchive(client, 'archive-bucket').store(event(1))).toBe('stored');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      Bucket: 'archive-bucket',
      Key: 'audit/K7QM-4HXP-9TWA/0001-20261124T020001000Z.json',
      ContentType: 'application/json',
      IfNoneMatch: '*',
      ChecksumAlgorithm: 'SHA256',
    });
    expect(JSON.parse(String(requests[0]?.Body))).toEqual(eventItem(1));
  });

  it('takes S3’s 412 (the object is there: a retry) as archived already', async () => {
    const { client } = capturingS3(() => s3Error('PreconditionFailed', 412));
    expect(await new S3AuditArchive(client, 'b').store(event(1))).toBe('already-stored');
  });

  it('throws on anything else, a concurrent write’s 409 included, so the stream retries the record', async () => {
    for (const error of [s3Error('ConditionalRequestConflict', 409), s3Error('InternalError', 500)]) {
      const { client } = capturingS3(() => error);
      await expect(new S3AuditArchive(client, 'b').store(event(1))).rejects.toThrow(error.name);
    }
  });
});

describe('FileAuditArchive (local)', () => {
  it('writes one file per event at the S3 key, and leaves a file already there alone', async () => {
    const root = mkdtempSync(join(tmpdir(), 'archive-'));
    const archive = new FileAuditArchive(root);
    expect(await archive.store(event(1))).toBe('stored');
    expect(await archive.store(event(1))).toBe('already-stored');
    expect(readdirSync(join(root, 'audit', 'K7QM-4HXP-9TWA'))).toEqual(['0001-20261124T020001000Z.json']);
    expect(JSON.parse(readFileSync(join(root, archiveKey(event(1))), 'utf8'))).toEqual(eventItem(1));
  });
});

describe('the stream archives every audit event', () => {
  const insert = (item: Record<string, unknown>, seq: string): DynamoDBRecord => ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: seq,
      NewImage: marshall(item, { removeUndefinedValues: true }) as never,
    },
  });
  const published: Notification[] = [];
  const notifier: Notifier = {
    publish: async (n: Notification) => {
      published.push(n);
    },
  } as Notifier;
  const deps = {
    now: () => new Date('2026-11-24T02:00:10Z'),
    config: { TIME_ZONE: 'Asia/Shanghai' },
    metrics: { count: () => {}, flush: () => {} },
    repositories: {
      outbox: { claim: async () => 'claimed', markSent: async () => {}, release: async () => {} },
    },
  } as unknown as Dependencies;
  const notice = { topic: 'cards', deduplicationId: 'd-1' } as unknown as Notification;

  it('archives each inserted event once, however often the stream delivers it', async () => {
    const archive = new MemoryAuditArchive();
    const reactions = streamReactions(deps, notifier, notifier as never, archive);
    const batch = { Records: [insert(eventItem(0), '1'), insert(eventItem(1), '2')] };
    expect((await processStream(batch, reactions, () => {})).batchItemFailures).toEqual([]);
    expect((await processStream(batch, reactions, () => {})).batchItemFailures).toEqual([]); // a retry
    expect([...archive.objects.keys()]).toEqual([
      'audit/K7QM-4HXP-9TWA/0000-20261124T020000000Z.json',
      'audit/K7QM-4HXP-9TWA/0001-20261124T020001000Z.json',
    ]);
  });

  it('archives before it notifies: a record the archive cannot take is retried before anyone is told', async () => {
    published.length = 0;
    const failing = { store: async () => Promise.reject(new Error('S3 unavailable')) };
    const reactions = streamReactions(deps, notifier, notifier as never, failing);
    const result = await processStream(
      { Records: [insert(eventItem(2, [notice]), '7')] },
      reactions,
      () => {},
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '7' }]);
    expect(published).toEqual([]);
    const working = streamReactions(deps, notifier, notifier as never, new MemoryAuditArchive());
    await processStream({ Records: [insert(eventItem(2, [notice]), '7')] }, working, () => {});
    expect(published).toHaveLength(1);
  });

  it('is invoked for every inserted complaint event, with or without notifications (the stream filter)', () => {
    const insertTypes = STREAM_TRIGGERS.find((t) => t.eventName === 'INSERT')?.itemTypes ?? [];
    expect(insertTypes).toContain('complaint-event');
  });
});
