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
