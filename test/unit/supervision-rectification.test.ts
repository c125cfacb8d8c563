import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CADENCE,
  type Inspection,
  openDays,
  selfCheckCompletion,
  visibleTo,
} from '../../functions/domain/supervision/inspections.js';
import {
  actOnRectification,
  DEFAULT_RECTIFICATION_DEADLINES,
  type Rectification,
  rectificationAlert,
  rectificationDue,
  rectifiedOnTime,
  repeatedItems,
} from '../../functions/domain/supervision/rectification.js';

const TZ = 'Asia/Shanghai';
const deadlines = DEFAULT_RECTIFICATION_DEADLINES;

describe('rectification deadlines (限期整改): red line 3 days, others 15, to the end of the day in Shanghai', () => {
  it('counts calendar days from the finding, ending at 23:59:59.999 Shanghai time', () => {
    // Found Tuesday 1 December 2026 at 10:00 in Shanghai (02:00 UTC).
    const found = new Date('2026-12-01T02:00:00.000Z');
    expect(rectificationDue(found, true, deadlines, TZ).toISOString()).toBe('2026-12-04T15:59:59.999Z');
    expect(rectificationDue(found, false, deadlines, TZ).toISOString()).toBe('2026-12-16T15:59:59.999Z');
  });

  it('takes the bank day of the finding, not UTC’s: 07:30 in Shanghai is still the day before in UTC', () => {
    const found = new Date('2026-11-30T23:30:00.000Z'); // 07:30 on 1 December in Shanghai
    expect(rectificationDue(found, true, deadlines, TZ).toISOString()).toBe('2026-12-04T15:59:59.999Z');
  });

  it('follows the configured days', () => {
    const found = new Date('2026-12-01T02:00:00.000Z');
    const custom = { ...deadlines, redLineDays: 1, otherDays: 7 };
    expect(rectificationDue(found, true, custom, TZ).toISOString()).toBe('2026-12-02T15:59:59.999Z');
    expect(rectificationDue(found, false, custom, TZ).toISOString()).toBe('2026-12-08T15:59:59.999Z');
  });
});

const task: Rectification = {
  id: 'i1#hotline',
  inspectionId: 'i1',
  outletId: 'sh-jingan',
  regionId: 'shanghai',
  itemId: 'hotline',
  redLine: true,
  repeated: false,
  foundAt: '2026-12-01T02:00:00.000Z',
  dueAt: '2026-12-04T15:59:59.999Z',
  status: 'open',
  version: 1,
};
const manager = { role: 'manager' as const, username: 'manager.sh-jingan' };
const reviewer = { role: 'reviewer' as const, username: 'inspector.1' };
const at = (iso: string) => new Date(iso);

describe('the task’s lifecycle: open → answered → accepted, or back to open', () => {
  it('the manager answers, a reviewer accepts; on time when answered by the due date', () => {
    const answered = actOnRectification(
      task,
      { type: 'answer', note: '已张贴', photo: 'p.jpg' },
      manager,
      at('2026-12-03T02:00:00Z'),
    );
    if (!answered.ok) throw new Error(answered.refusal);
    expect(answered.task).toMatchObject({
      status: 'submitted',
      version: 2,
      answer: { note: '已张贴', by: 'manager.sh-jingan' },
    });
    const accepted = actOnRectification(
      answered.task,
      { type: 'accept' },
      reviewer,
      at('2026-12-05T02:00:00Z'),
    );
    if (!accepted.ok) throw new Error(accepted.refusal);
    expect(accepted.task).toMatchObject({ status: 'accepted', acceptedBy: 'inspector.1', version: 3 });
    // Answered in time, reviewed after the due date: put right on time.
    expect(rectifiedOnTime(accepted.task)).toBe(true);
  });

  it('a returned answer opens the task again with the reason; an answer after the due date is late', () => {
    const answered = actOnRectification(
      task,
      { type: 'answer', note: '已处理' },
      manager,
      at('2026-12-02T02:00:00Z'),
    );
    if (!answered.ok) throw new Error(answered.refusal);
    const returned = actOnRectification(
      answered.task,
      { type: 'return', reason: '照片看不清' },
      reviewer,
      at('2026-12-02T06:00:00Z'),
    );
    if (!returned.ok) throw new Error(returned.refusal);
    expect(returned.task).toMatchObject({
      status: 'open',
      returned: { reason: '照片看不清' },
      dueAt: task.dueAt,
    });
    const late = actOnRectification(
      returned.task,
      { type: 'answer', note: '重拍' },
      manager,
      at('2026-12-05T02:00:00Z'),
    );
    if (!late.ok) throw new Error(late.refusal);
    const accepted = actOnRectification(late.task, { type: 'accept' }, reviewer, at('2026-12-05T03:00:00Z'));
    if (!accepted.ok) throw new Error(accepted.refusal);
    expect(rectifiedOnTime(accepted.task)).toBe(false);
  });

  it('refuses the wrong person or the wrong moment', () => {
    expect(actOnRectification(task, { type: 'accept' }, manager, at('2026-12-02T00:00:00Z'))).toEqual({
      ok: false,
      refusal: 'notYours',
    });
    expect(
      actOnRectification(task, { type: 'answer', note: 'x' }, reviewer, at('2026-12-02T00:00:00Z')),
    ).toEqual({ ok: false, refusal: 'notYours' });
    expect(actOnRectification(task, { type: 'accept' }, reviewer, at('2026-12-02T00:00:00Z'))).toEqual({
      ok: false,
      refusal: 'notNow',
    });
    expect(
      actOnRectification(
        { ...task, status: 'accepted' },
        { type: 'answer', note: 'x' },
        manager,
        at('2026-12-02T00:00:00Z'),
      ),
    ).toEqual({ ok: false, refusal: 'notNow' });
  });
});

describe('what the sweeper owes a task: a reminder a day before the due date, a breach report after it, each once', () => {
  it.each([
    ['2026-12-03T15:59:59.998Z', undefined, 'more than a day before: nothing'],
    ['2026-12-03T15:59:59.999Z', 'remind', 'exactly a day before: a reminder'],
    ['2026-12-04T15:59:59.999Z', 'remind', 'at the due instant itself: still only a reminder'],
    ['2026-12-04T16:00:00.000Z', 'escalate', 'after it: the breach'],
  ] as const)('%s → %s (%s)', (now, expected, _why) => {
    expect(rectificationAlert(task, at(now), deadlines)).toBe(expected);
  });

  it('once each; nothing for a task answered and waiting for review, or accepted', () => {
    expect(
      rectificationAlert(
        { ...task, remindedAt: '2026-12-04T00:00:00Z' },
        at('2026-12-04T01:00:00Z'),
        deadlines,
      ),
    ).toBeUndefined();
    expect(
      rectificationAlert(
        { ...task, escalatedAt: '2026-12-05T00:00:00Z' },
        at('2026-12-06T00:00:00Z'),
        deadlines,
      ),
    ).toBeUndefined();
    expect(
      rectificationAlert({ ...task, status: 'submitted' }, at('2026-12-06T00:00:00Z'), deadlines),
    ).toBeUndefined();
    expect(
      rectificationAlert({ ...task, status: 'accepted' }, at('2026-12-06T00:00:00Z'), deadlines),
    ).toBeUndefined();
  });
});

describe('repeated findings (屡查屡犯)', () => {
  it('are the items failed now that failed at the outlet’s previous inspection too', () => {
    expect([...repeatedItems(['hotline', 'five-s'], ['five-s', 'waiting'])]).toEqual(['five-s']);
    expect([...repeatedItems(['hotline'], [])]).toEqual([]);
  });
});

describe('self-check completion: three rounds a day the outlet is open', () => {
  const self = (date: string, round: 'opening' | 'midday' | 'closing') => ({
    kind: 'self-check' as const,
    date,
    round,
  });

  it('counts each round of an open day once, and owes three per open day', () => {
    // Monday to Friday 30 Nov – 4 Dec 2026, open Monday to Friday: 5 days, 15 rounds owed.
    const open = openDays('2026-11-30', '2026-12-06', [1, 2, 3, 4, 5]);
    expect(open).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    const done = [
      self('2026-11-30', 'opening'),
      self('2026-11-30', 'opening'), // the same round again: once
      self('2026-11-30', 'midday'),
      self('2026-12-01', 'closing'),
      self('2026-12-05', 'opening'), // a Saturday, closed: not owed, not counted
      { kind: 'spot-check' as const, date: '2026-12-02', round: undefined },
    ];
    expect(selfCheckCompletion(done, open, DEFAULT_CADENCE)).toEqual({ done: 3, owed: 15, rate: 0.2 });
    expect(selfCheckCompletion([], [], DEFAULT_CADENCE)).toEqual({ done: 0, owed: 0, rate: null });
  });
});

describe('blind mystery visits', () => {
  const visit: Pick<Inspection, 'kind' | 'released' | 'outletId' | 'regionId'> = {
    kind: 'mystery-visit',
    released: false,
    outletId: 'sh-jingan',
    regionId: 'shanghai',
  };
  const nobody = { headOffice: false, supervisionCentre: false, regions: [], outlets: [] };

  it('are head office’s alone until released, then everyone’s within reach', () => {
    expect(visibleTo(visit, { ...nobody, headOffice: true })).toBe(true);
    for (const viewer of [
      { ...nobody, supervisionCentre: true },
      { ...nobody, regions: ['shanghai'] },
      { ...nobody, outlets: ['sh-jingan'] },
    ]) {
      expect(visibleTo(visit, viewer)).toBe(false);
      expect(visibleTo({ ...visit, released: true }, viewer)).toBe(true);
    }
    expect(visibleTo({ ...visit, released: true }, { ...nobody, outlets: ['bj-guomao'] })).toBe(false);
    expect(visibleTo({ ...visit, released: true }, { ...nobody, regions: ['beijing'] })).toBe(false);
  });
});
