import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../functions/domain/complaint.js';
import { sweepComplaint } from '../../functions/domain/lifecycle/time-limit-sweep.js';
import type { LifecycleContext } from '../../functions/domain/lifecycle/transitions.js';

const DUE = '2026-12-09T15:59:59.999Z';
const at = (now: string): LifecycleContext => ({
  now: new Date(now),
  timeZone: 'Asia/Shanghai',
  rootCauses: ['process'],
  departmentIds: ['retail-banking', 'cards'],
});

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    trackingNo: 'K7QM-4HXP-9TWA',
    outletId: 'sh-lujiazui',
    regionId: 'shanghai',
    category: 'fees-and-charges',
    description: 'An unexpected fee.',
    contact: { sealed: 'x', nameMasked: '张*', phoneMasked: '138****5678', phoneHash: 'h' },
    preferredChannel: 'sms',
    channel: 'qr',
    lang: 'zh-CN',
    status: 'accepted',
    severity: 'normal',
    flags: { overdue: false, escalated: false, extended: false },
    routing: { departmentId: 'retail-banking', reasons: [], recurring: false },
    handlingDepartmentId: 'cards',
    owner: { username: 'retail-banking.1', displayName: 'Li Na', departmentId: 'retail-banking' },
    timeLimitDays: 15,
    receivedAt: '2026-11-24T02:00:00.000Z',
    dueAt: DUE,
    version: 3,
    ...overrides,
  };
}

describe('the time-limit sweeper', () => {
  it('does nothing while the due date is more than 2 days away', () => {
    expect(sweepComplaint(complaint(), at('2026-12-07T15:59:59.998Z'))).toBeUndefined();
  });

  it('reminds the owner’s and the handling department 2 days before, once', () => {
    const outcome = sweepComplaint(complaint(), at('2026-12-07T16:00:00.000Z'));
    expect(outcome).toMatchObject({
      ok: true,
      event: { action: 'due-soon', public: false, actor: { kind: 'system' }, detail: { dueAt: DUE } },
      notify: ['retail-banking', 'cards'],
      complaint: { timeLimitAlerts: { remindedFor: DUE }, version: 4, flags: { overdue: false } },
    });
    if (!outcome?.ok) throw new Error('expected a reminder');
    expect(sweepComplaint(outcome.complaint, at('2026-12-08T00:00:00.000Z'))).toBeUndefined();
  });

  it('marks a breach overdue and alerts head office, once, counted against the owner’s department', () => {
    const outcome = sweepComplaint(complaint(), at('2026-12-09T16:00:00.000Z'));
    expect(outcome).toMatchObject({
      ok: true,
      event: { action: 'overdue', detail: { dueAt: DUE, accountable: 'retail-banking' } },
      notify: ['alerts', 'retail-banking', 'cards'],
      complaint: { flags: { overdue: true }, timeLimitAlerts: { breachedFor: DUE } },
    });
    if (!outcome?.ok) throw new Error('expected a breach');
    expect(sweepComplaint(outcome.complaint, at('2026-12-20T00:00:00.000Z'))).toBeUndefined();
  });

  it('reports a breach even when the reminder was never sent (the sweeper was down)', () => {
    expect(sweepComplaint(complaint(), at('2026-12-15T00:00:00.000Z'))).toMatchObject({
      ok: true,
      event: { action: 'overdue' },
    });
  });

  it('reminds again for a new due date after an extension', () => {
    const extended = complaint({
      timeLimitDays: 30,
      dueAt: '2026-12-24T15:59:59.999Z',
      timeLimitAlerts: { remindedFor: DUE },
    });
    expect(sweepComplaint(extended, at('2026-12-08T00:00:00.000Z'))).toBeUndefined();
    expect(sweepComplaint(extended, at('2026-12-23T00:00:00.000Z'))).toMatchObject({
      ok: true,
      complaint: { timeLimitAlerts: { remindedFor: '2026-12-24T15:59:59.999Z' } },
    });
  });

  it('the handling department is accountable while nobody owns the complaint yet', () => {
    const unowned = complaint({ status: 'assigned', owner: undefined, handlingDepartmentId: 'cards' });
    expect(sweepComplaint(unowned, at('2026-12-10T00:00:00.000Z'))).toMatchObject({
      notify: ['alerts', 'cards'],
      event: { detail: { accountable: 'cards' } },
    });
  });

  it('leaves resolved and closed complaints alone until the 7-day auto-close', () => {
    const resolution = {
      decision: 'Refund',
      rootCause: 'process',
      correctiveAction: 'Fix',
      resolvedAt: '2026-12-08T00:00:00.000Z',
      resolvedBy: { username: 'cards.1', displayName: 'Chen Jie', departmentId: 'cards' },
    };
    const resolved = complaint({ status: 'resolved', resolution });
    expect(sweepComplaint(resolved, at('2026-12-10T00:00:00.000Z'))).toBeUndefined();
    expect(sweepComplaint(resolved, at('2026-12-15T00:00:00.000Z'))).toMatchObject({
      ok: true,
      complaint: { status: 'closed' },
      event: { action: 'closed', detail: { reason: 'no-rating-within-7-days' }, public: true },
    });
    const closed = complaint({ status: 'closed', resolution, closedAt: '2026-12-15T00:00:00.000Z' });
    expect(sweepComplaint(closed, at('2027-01-15T00:00:00.000Z'))).toBeUndefined();
  });
});

describe('a complaint under review (reopened) has its new 15 days enforced', () => {
  // README: a review reopens the complaint to its owner with 15 new days; the sweeper reminds the
  // owner's department 2 days before a due date and marks a breach, once per due date.
  const firstRound = { remindedFor: DUE, breachedFor: DUE };
  const reopenedAt = '2026-12-20T02:00:00.000Z'; // 10:00 on 20 December in Shanghai
  // 15 calendar days from 20 December: the end of 4 January in Shanghai (UTC+8).
  const NEW_DUE = '2027-01-04T15:59:59.999Z';
  const underReview = complaint({
    status: 'reopened',
    reopenedAt,
    dueAt: NEW_DUE,
    flags: { overdue: false, escalated: true, extended: false },
    timeLimitAlerts: firstRound,
  });

  it('is reminded 2 days before its new due date, not a millisecond earlier', () => {
    expect(sweepComplaint(underReview, at('2027-01-02T15:59:59.998Z'))).toBeUndefined();
    expect(sweepComplaint(underReview, at('2027-01-02T15:59:59.999Z'))).toMatchObject({
      ok: true,
      event: { action: 'due-soon', detail: { dueAt: NEW_DUE } },
      notify: ['retail-banking', 'cards'],
      complaint: { timeLimitAlerts: { remindedFor: NEW_DUE, breachedFor: DUE }, version: 4 },
    });
  });

  it('is marked overdue, and head office alerted, once its new due date has passed', () => {
    expect(sweepComplaint(underReview, at('2027-01-05T00:00:00.000Z'))).toMatchObject({
      ok: true,
      event: { action: 'overdue', detail: { dueAt: NEW_DUE, accountable: 'retail-banking' } },
      notify: ['alerts', 'retail-banking', 'cards'],
      complaint: { status: 'reopened', flags: { overdue: true }, timeLimitAlerts: { breachedFor: NEW_DUE } },
    });
  });

  it('an assigned or an accepted complaint past its due date is marked overdue too', () => {
    for (const status of ['assigned', 'accepted'] as const)
      expect(sweepComplaint(complaint({ status }), at('2026-12-10T00:00:00.000Z'))).toMatchObject({
        event: { action: 'overdue' },
      });
  });
});

describe('the follow-up call (回访) not made in time', () => {
  // README: a resolution schedules a follow-up by the owner's department, due by the end of the
  // third day; the sweeper reminds the owner's department once when it is late.
  const FOLLOW_UP_DUE = '2026-12-11T15:59:59.999Z';
  const resolved = complaint({
    status: 'resolved',
    handlingDepartmentId: 'cards',
    resolution: {
      decision: 'Refund',
      rootCause: 'process',
      correctiveAction: 'Fix',
      resolvedAt: '2026-12-08T02:00:00.000Z',
      resolvedBy: { username: 'cards.1', displayName: 'Chen Jie', departmentId: 'cards' },
    },
    followUp: { dueAt: FOLLOW_UP_DUE },
  });

  it('reminds the owner’s department once, from the follow-up’s due instant on', () => {
    expect(sweepComplaint(resolved, at('2026-12-11T15:59:59.998Z'))).toBeUndefined();
    const outcome = sweepComplaint(resolved, at(FOLLOW_UP_DUE));
    expect(outcome).toMatchObject({
      ok: true,
      event: {
        action: 'follow-up-due',
        public: false,
        detail: { dueAt: FOLLOW_UP_DUE },
        actor: { kind: 'system', username: 'time-limit-sweeper', role: 'system' },
        before: { version: 3, timeLimitAlerts: {} },
        after: { version: 4 },
      },
      notify: ['retail-banking'],
      complaint: { followUp: { dueAt: FOLLOW_UP_DUE, remindedAt: FOLLOW_UP_DUE }, version: 4 },
    });
    if (!outcome?.ok) throw new Error('expected a reminder');
    expect(sweepComplaint(outcome.complaint, at('2026-12-12T00:00:00.000Z'))).toBeUndefined();
  });

  it('says nothing of a follow-up made, even late', () => {
    const done = { ...resolved, followUp: { dueAt: FOLLOW_UP_DUE, doneAt: '2026-12-12T00:00:00.000Z' } };
    expect(sweepComplaint(done, at('2026-12-13T00:00:00.000Z'))).toBeUndefined();
  });

  it('records the breach it marks: the flags, the alerts and the version before and after', () => {
    expect(sweepComplaint(complaint(), at('2026-12-10T00:00:00.000Z'))).toMatchObject({
      complaint: { version: 4 },
      event: {
        before: { flags: { overdue: false }, timeLimitAlerts: {}, version: 3 },
        after: { flags: { overdue: true }, timeLimitAlerts: { breachedFor: DUE }, version: 4 },
      },
    });
  });
});
