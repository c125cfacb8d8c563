import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Dependencies } from '../../functions/dependencies.js';
import type { StaleOutletDay } from '../../functions/domain/statistics/stale-outlet-days.js';
import { markStaleRollups } from '../../functions/streams/mark-stale-rollups.js';
import { processStream } from '../../functions/streams/process-stream.js';

// 10:00 on Wednesday 25 November 2026 in Shanghai.
const NOW = new Date('2026-11-25T02:00:00Z');

function reactionWithMarks() {
  const writes: StaleOutletDay[][] = [];
  const deps = {
    config: { TIME_ZONE: 'Asia/Shanghai' },
    now: () => NOW,
    repositories: {
      staleRollups: {
        mark: async (days: StaleOutletDay[]) => {
          writes.push(days);
        },
      },
    },
  } as unknown as Dependencies;
  return { reaction: markStaleRollups(deps), writes };
}

let seq = 0;
const change = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: Record<string, unknown>,
  old?: Record<string, unknown>,
): DynamoDBRecord => ({
  eventName,
  dynamodb: {
    SequenceNumber: String(++seq),
    NewImage: marshall(item, { removeUndefinedValues: true }) as never,
    ...(old ? { OldImage: marshall(old, { removeUndefinedValues: true }) as never } : {}),
  },
});
const rating = (outletId: string, date = '2026-11-25') => ({ type: 'rating', outletId, date });
const complaint = (overrides: Record<string, unknown> = {}) => ({
  type: 'complaint',
  trackingNo: 'K7QM-4HXP-9TWA',
  outletId: 'sh-jingan',
  regionId: 'shanghai',
  handlingDepartmentId: 'operations',
  category: 'waiting-time',
  severity: 'normal',
  channel: 'qr',
  status: 'assigned',
  // Received at 10:00 on 20 November in Shanghai, due at the end of 5 December.
  receivedAt: '2026-11-20T02:00:00.000Z',
  dueAt: '2026-12-05T15:59:59.999Z',
  routing: { departmentId: 'operations', reasons: [], recurring: false },
  ...overrides,
});

async function marksOf(...records: DynamoDBRecord[]) {
  const { reaction, writes } = reactionWithMarks();
  await processStream({ Records: records }, [reaction], () => {});
  return writes;
}

describe('the stream marks stale the outlet-days a change alters, once per batch', () => {
  it('a rating stored or given details: its outlet-day, ratings only; one write for the batch', async () => {
    const writes = await marksOf(
      change('INSERT', rating('a')),
      change('INSERT', rating('b')),
      change('MODIFY', rating('a'), rating('a')),
      change('INSERT', { type: 'rollup', outletId: 'a' }),
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]).toEqual([
      { date: '2026-11-25', outletId: 'a', changed: 'ratings' },
      { date: '2026-11-25', outletId: 'b', changed: 'ratings' },
      { date: '2026-11-25', outletId: 'a', changed: 'ratings' },
    ]);
  });

  it('a complaint received or moved on: the day it was received (its cohort)', async () => {
    const writes = await marksOf(
      change('INSERT', complaint()),
      change('MODIFY', complaint({ status: 'accepted' }), complaint()),
    );
    expect(writes[0]).toEqual([
      { date: '2026-11-20', outletId: 'sh-jingan', changed: 'complaints' },
      { date: '2026-11-20', outletId: 'sh-jingan', changed: 'complaints' },
    ]);
  });

  it('a complaint open and overdue now, or until now: today too (today’s overdue stock)', async () => {
    const overdue = complaint({ dueAt: '2026-11-24T15:59:59.999Z' });
    const resolved = {
      ...overdue,
      status: 'resolved',
      resolution: { resolvedAt: NOW.toISOString(), dueAt: overdue.dueAt, rootCause: 'process' },
    };
    expect((await marksOf(change('MODIFY', resolved, overdue)))[0]).toEqual([
      { date: '2026-11-20', outletId: 'sh-jingan', changed: 'complaints' },
      { date: '2026-11-25', outletId: 'sh-jingan', changed: 'complaints' },
    ]);
    expect((await marksOf(change('MODIFY', { ...overdue, version: 3 }, overdue)))[0]).toHaveLength(2);
  });

  it('nothing else: a removal, another item type, a batch without ratings or complaints writes nothing', async () => {
    expect(
      await marksOf(
        change('REMOVE', rating('a')),
        change('INSERT', { type: 'complaint-event', outletId: 'a' }),
        change('INSERT', { type: 'stale-rollups' }),
      ),
    ).toEqual([]);
  });
});
