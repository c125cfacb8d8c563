import { describe, expect, it } from 'vitest';
import {
  addComplaint,
  type ComplaintFacts,
  completionRate,
  emptyComplaintTotals,
  isOpenOverdueAt,
  meanHoursToResolve,
  onTimeRate,
  perThousandRatings,
  satisfactionRate,
  sumComplaintTotals,
} from '../../functions/domain/statistics/complaint-totals.js';

const complaint = (overrides: Partial<ComplaintFacts>): ComplaintFacts => ({
  trackingNo: 'AAAA-BBBB-CCCC',
  outletId: 'sh-jingan',
  regionId: 'shanghai',
  departmentId: 'operations',
  category: 'waiting-time',
  severity: 'normal',
  channel: 'qr',
  status: 'assigned',
  receivedAt: '2026-11-02T02:00:00.000Z',
  dueAt: '2026-11-17T15:59:59.999Z',
  recurring: false,
  ...overrides,
});

// Received 2 November; due at the end of 17 November (Shanghai).
const onTime = complaint({
  trackingNo: 'A',
  status: 'closed',
  resolvedAt: '2026-11-04T02:00:00.000Z', // 48 hours later
  dueAtResolution: '2026-11-17T15:59:59.999Z',
  rootCause: 'process',
  verdict: 'satisfied',
});
const late = complaint({
  trackingNo: 'B',
  status: 'resolved',
  resolvedAt: '2026-11-18T18:00:00.000Z', // 400 hours later, after its due date
  dueAtResolution: '2026-11-17T15:59:59.999Z',
  rootCause: 'staff-conduct',
  verdict: 'unsatisfied',
  category: 'staff-attitude',
  severity: 'major',
});
const open = complaint({ trackingNo: 'C', status: 'accepted', channel: 'hotline' });
const quick = complaint({
  trackingNo: 'D',
  status: 'closed',
  resolvedAt: '2026-11-03T02:00:00.000Z', // 24 hours later
  dueAtResolution: '2026-11-17T15:59:59.999Z',
  rootCause: 'process',
  recurring: true,
});

describe('complaint figures of a period’s cohort', () => {
  const totals = [onTime, late, open, quick].reduce(addComplaint, emptyComplaintTotals());

  it('counts what was received, by category, severity and channel', () => {
    expect(totals.received).toBe(4);
    expect(totals.byCategory).toEqual({ 'waiting-time': 3, 'staff-attitude': 1 });
    expect(totals.bySeverity).toEqual({ normal: 3, major: 1 });
    expect(totals.byChannel).toEqual({ qr: 3, hotline: 1 });
    expect(totals.recurring).toEqual({ 'waiting-time': 1 });
  });

  it('办结率 3 of 4, 按时办结率 2 of 3, 满意率 1 of 2 verdicts, mean 157.3 hours, root causes of the resolved', () => {
    expect(completionRate(totals)).toBe(3 / 4);
    expect(onTimeRate(totals)).toBe(2 / 3);
    expect(satisfactionRate(totals)).toBe(1 / 2);
    expect(meanHoursToResolve(totals)).toBeCloseTo((48 + 400 + 24) / 3, 6);
    expect(totals.rootCauses).toEqual({ process: 2, 'staff-conduct': 1 });
  });

  it('is null, never 0 or NaN, when there is nothing to measure', () => {
    const none = emptyComplaintTotals();
    expect(completionRate(none)).toBeNull();
    expect(onTimeRate(none)).toBeNull();
    expect(satisfactionRate(none)).toBeNull();
    expect(meanHoursToResolve(none)).toBeNull();
    expect(perThousandRatings(none, 0)).toBeNull();
    expect(perThousandRatings(totals, 0)).toBeNull();
    expect(perThousandRatings(totals, 800)).toBe(5);
    const allOpen = addComplaint(none, open);
    expect(completionRate(allOpen)).toBe(0);
    expect(onTimeRate(allOpen)).toBeNull();
  });

  it('adds across outlets (the stock too) and across days (the stock is the later day’s)', () => {
    const a = { ...addComplaint(emptyComplaintTotals(), onTime), openOverdue: 2 };
    const b = { ...addComplaint(emptyComplaintTotals(), late), openOverdue: 5 };
    expect(sumComplaintTotals(a, b, 'add')).toMatchObject({
      received: 2,
      resolved: 2,
      resolvedOnTime: 1,
      openOverdue: 7,
    });
    expect(sumComplaintTotals(a, b, 'later')).toMatchObject({ received: 2, openOverdue: 5 });
  });
});

describe('open and overdue at an instant (the stock)', () => {
  it('counts an undecided complaint once its due date has passed', () => {
    expect(isOpenOverdueAt(open, '2026-11-17T15:59:59.999Z')).toBe(false);
    expect(isOpenOverdueAt(open, '2026-11-18T00:00:00.000Z')).toBe(true);
    expect(isOpenOverdueAt(open, '2026-11-01T00:00:00.000Z')).toBe(false); // not received yet
  });

  it('counts a late one while it was overdue, not after it was decided', () => {
    expect(isOpenOverdueAt(late, '2026-11-18T10:00:00.000Z')).toBe(true);
    expect(isOpenOverdueAt(late, '2026-11-19T00:00:00.000Z')).toBe(false);
    expect(isOpenOverdueAt(onTime, '2026-11-20T00:00:00.000Z')).toBe(false);
  });

  it('judges a reopened one by its new due date from the reopening on', () => {
    const reopened = complaint({
      status: 'reopened',
      resolvedAt: '2026-11-05T02:00:00.000Z',
      dueAtResolution: '2026-11-17T15:59:59.999Z',
      reopenedAt: '2026-11-10T02:00:00.000Z',
      dueAt: '2026-11-25T15:59:59.999Z',
    });
    expect(isOpenOverdueAt(reopened, '2026-11-08T00:00:00.000Z')).toBe(false); // decided then
    expect(isOpenOverdueAt(reopened, '2026-11-20T00:00:00.000Z')).toBe(false); // open, not yet due
    expect(isOpenOverdueAt(reopened, '2026-11-26T00:00:00.000Z')).toBe(true);
  });
});

describe('the rules at their edges (README, "How figures are computed")', () => {
  const due = '2026-11-17T15:59:59.999Z';
  const justAfter = '2026-11-17T16:00:00.000Z';

  it('a reopened complaint is not resolved, whatever its earlier decision was: no on-time, hours or root cause', () => {
    const reopened = complaint({
      status: 'reopened',
      resolvedAt: '2026-11-03T02:00:00.000Z', // decided in time, then reopened
      dueAtResolution: due,
      reopenedAt: '2026-11-05T02:00:00.000Z',
      dueAt: '2026-11-20T15:59:59.999Z',
      rootCause: 'process',
    });
    const totals = addComplaint(emptyComplaintTotals(), reopened);
    expect(totals).toMatchObject({ received: 1, resolved: 0, resolvedOnTime: 0, hoursToResolve: 0 });
    expect(totals.rootCauses).toEqual({});
    expect(onTimeRate(totals)).toBeNull();
  });

  it('on time means decided no later than the due date in force then: at the due instant yes, a millisecond after no', () => {
    const at = (resolvedAt: string) =>
      addComplaint(
        emptyComplaintTotals(),
        // The due date moved on later (an extension after the decision does not make it on time).
        complaint({
          status: 'resolved',
          resolvedAt,
          dueAtResolution: due,
          dueAt: '2026-12-31T15:59:59.999Z',
        }),
      ).resolvedOnTime;
    expect(at(due)).toBe(1);
    expect(at('2026-11-17T16:00:00.000Z')).toBe(0);
    // Without a due date recorded at the decision, the complaint's own.
    const own = complaint({ status: 'closed', resolvedAt: justAfter, dueAt: due });
    expect(addComplaint(emptyComplaintTotals(), own).resolvedOnTime).toBe(0);
    expect(
      addComplaint(emptyComplaintTotals(), complaint({ status: 'closed', resolvedAt: due, dueAt: due }))
        .resolvedOnTime,
    ).toBe(1);
  });

  it('hours to resolve are from receipt to decision, of the resolved only', () => {
    const resolved = complaint({
      status: 'resolved',
      resolvedAt: '2026-11-02T12:30:00.000Z',
      dueAtResolution: due,
    });
    expect(addComplaint(emptyComplaintTotals(), resolved).hoursToResolve).toBe(10.5);
    const stillOpen = complaint({ status: 'accepted', resolvedAt: '2026-11-02T12:30:00.000Z' });
    expect(addComplaint(emptyComplaintTotals(), stillOpen).hoursToResolve).toBe(0);
    // An open complaint's root cause (an earlier decision's) is not counted either.
    expect(addComplaint(emptyComplaintTotals(), { ...stillOpen, rootCause: 'process' }).rootCauses).toEqual(
      {},
    );
  });

  it('counts each of a category, severity, channel and root cause once per complaint', () => {
    const two = [quick, quick].reduce(addComplaint, emptyComplaintTotals());
    expect(two.byCategory).toEqual({ 'waiting-time': 2 });
    expect(two.rootCauses).toEqual({ process: 2 });
    expect(two.recurring).toEqual({ 'waiting-time': 2 });
  });

  it('a region or a longer period is the sum of its parts, field by field', () => {
    const a = [onTime, late, open].reduce(addComplaint, emptyComplaintTotals());
    const b = [quick, onTime].reduce(addComplaint, emptyComplaintTotals());
    const all = [onTime, late, open, quick, onTime].reduce(addComplaint, emptyComplaintTotals());
    const sum = sumComplaintTotals(a, b, 'add');
    expect(sum).toEqual({ ...all, hoursToResolve: expect.closeTo(all.hoursToResolve, 9) });
    expect(sum.resolvedOnTime).toBe(3);
    expect(sum.hoursToResolve).toBeCloseTo(48 + 400 + 24 + 48, 9);
    expect(sum.rated).toBe(3);
    expect(sum.satisfied).toBe(2);
    expect(sum.byCategory).toEqual({ 'waiting-time': 4, 'staff-attitude': 1 });
    expect(sum.rootCauses).toEqual({ process: 3, 'staff-conduct': 1 });
  });
});

describe('the overdue stock at its edges', () => {
  const received = '2026-11-02T02:00:00.000Z';

  it('past the due date means after it: at the due instant not yet overdue', () => {
    expect(isOpenOverdueAt(open, '2026-11-17T15:59:59.999Z')).toBe(false);
    expect(isOpenOverdueAt(open, '2026-11-17T16:00:00.000Z')).toBe(true);
    // Received at the instant: counted (then not yet due).
    const due = complaint({ receivedAt: received, dueAt: '2026-11-01T00:00:00.000Z' });
    expect(isOpenOverdueAt(due, received)).toBe(true);
  });

  it('not received by the instant: not in the stock, even with a due date already past', () => {
    const early = complaint({ receivedAt: '2026-11-10T00:00:00.000Z', dueAt: '2026-11-05T00:00:00.000Z' });
    expect(isOpenOverdueAt(early, '2026-11-08T00:00:00.000Z')).toBe(false);
  });

  it('decided at the instant: out of the stock; decided later: judged by the due date in force then', () => {
    const late = complaint({
      status: 'resolved',
      resolvedAt: '2026-11-20T00:00:00.000Z',
      dueAtResolution: '2026-11-19T00:00:00.000Z',
      dueAt: '2026-11-30T00:00:00.000Z', // moved after the decision: not what the day saw
    });
    expect(isOpenOverdueAt(late, '2026-11-20T00:00:00.000Z')).toBe(false);
    expect(isOpenOverdueAt(late, '2026-11-19T12:00:00.000Z')).toBe(true);
    expect(isOpenOverdueAt(late, '2026-11-19T00:00:00.000Z')).toBe(false);
    // With no due date recorded at the decision, the complaint's own.
    const own = complaint({
      status: 'closed',
      resolvedAt: '2026-11-20T00:00:00.000Z',
      dueAt: '2026-11-18T00:00:00.000Z',
    });
    expect(isOpenOverdueAt(own, '2026-11-19T00:00:00.000Z')).toBe(true);
    expect(isOpenOverdueAt(own, '2026-11-17T00:00:00.000Z')).toBe(false);
  });

  it('reopened at the instant: open again, with its new due date', () => {
    const reopened = complaint({
      status: 'reopened',
      resolvedAt: '2026-11-05T00:00:00.000Z',
      dueAtResolution: '2026-11-17T15:59:59.999Z',
      reopenedAt: '2026-11-10T00:00:00.000Z',
      dueAt: '2026-11-09T00:00:00.000Z', // a new due date already past (as data, to tell the branches apart)
    });
    expect(isOpenOverdueAt(reopened, '2026-11-10T00:00:00.000Z')).toBe(true);
    expect(isOpenOverdueAt(reopened, '2026-11-09T12:00:00.000Z')).toBe(false); // decided then, not reopened yet
    // Its new due date reached at the instant: not yet past.
    expect(
      isOpenOverdueAt({ ...reopened, dueAt: '2026-11-12T00:00:00.000Z' }, '2026-11-12T00:00:00.000Z'),
    ).toBe(false);
  });

  it('reopened once and decided again: judged by the last decision, not as open', () => {
    const again = complaint({
      status: 'resolved',
      reopenedAt: '2026-11-05T00:00:00.000Z',
      resolvedAt: '2026-11-08T00:00:00.000Z',
      dueAtResolution: '2026-11-07T00:00:00.000Z',
      dueAt: '2026-11-07T00:00:00.000Z',
    });
    expect(isOpenOverdueAt(again, '2026-11-10T00:00:00.000Z')).toBe(false);
  });
});
