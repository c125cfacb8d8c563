import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../functions/domain/complaint.js';
import { rateResolution } from '../../functions/domain/customer-rating.js';
import {
  addComplaint,
  complaintFacts,
  emptyComplaintTotals,
  satisfactionRate,
} from '../../functions/domain/statistics/complaint-totals.js';

const RESOLVED_AT = '2026-11-20T02:00:00.000Z';
const NOW = new Date('2026-11-24T02:00:00.000Z'); // Tuesday 10:00 in Shanghai
/** A reopened complaint gets the standard 15 days from now, to 23:59:59 Beijing time. */
const DUE_AFTER_REVIEW = '2026-12-09T15:59:59.999Z';

const resolved: Complaint = {
  trackingNo: 'K7QM-4HXP-9TWA',
  outletId: 'sh-lujiazui',
  regionId: 'shanghai',
  category: 'waiting-time',
  description: 'An hour in the queue.',
  contact: { sealed: 'x', nameMasked: '张*', phoneMasked: '*******5678', phoneHash: 'h' },
  preferredChannel: 'call',
  channel: 'qr',
  lang: 'zh-CN',
  status: 'resolved',
  severity: 'normal',
  flags: { overdue: false, escalated: false, extended: false },
  routing: { departmentId: 'operations', reasons: [], recurring: false },
  handlingDepartmentId: 'operations',
  owner: { username: 'operations.1', displayName: '李娜', departmentId: 'operations' },
  timeLimitDays: 15,
  receivedAt: '2026-11-10T02:00:00.000Z',
  dueAt: '2026-11-25T15:59:59.999Z',
  resolution: {
    decision: 'A second window opens at lunchtime.',
    rootCause: 'process',
    correctiveAction: 'Rota.',
    resolvedAt: RESOLVED_AT,
    resolvedBy: { username: 'operations.1', displayName: '李娜', departmentId: 'operations' },
  },
  version: 4,
};

/** What the 满意率 counts for one complaint with this verdict: [rated, satisfied]. */
function countedFor(complaint: Complaint): [number, number] {
  const totals = addComplaint(emptyComplaintTotals(), complaintFacts(complaint));
  return [totals.rated, totals.satisfied];
}

describe('the customer’s verdict on a resolved complaint', () => {
  it('satisfied: closed, counted as rated and satisfied', () => {
    const outcome = rateResolution(resolved, { verdict: 'satisfied' }, NOW, 'Asia/Shanghai');
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.complaint).toMatchObject({ status: 'closed', closedAt: NOW.toISOString(), version: 5 });
    expect(outcome.event).toMatchObject({ action: 'closed', detail: { reason: 'customer-satisfied' } });
    expect(countedFor(outcome.complaint)).toEqual([1, 1]);
  });

  it('review: reopened to its owner with a fresh 15-day limit, escalated, counted as rated and not satisfied', () => {
    const outcome = rateResolution(
      resolved,
      { verdict: 'review', comment: 'No apology.' },
      NOW,
      'Asia/Shanghai',
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.complaint).toMatchObject({
      status: 'reopened',
      owner: { username: 'operations.1' },
      flags: { escalated: true },
      dueAt: DUE_AFTER_REVIEW,
      satisfaction: { satisfied: false, verdict: 'review', comment: 'No apology.' },
    });
    expect(outcome.event).toMatchObject({ action: 'reopened', detail: { reason: 'customer-review' } });
    expect(countedFor(outcome.complaint)).toEqual([1, 0]);
  });

  it('close-unsatisfied: closed, not reopened, counted as rated and not satisfied', () => {
    const outcome = rateResolution(resolved, { verdict: 'close-unsatisfied' }, NOW, 'Asia/Shanghai');
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.complaint).toMatchObject({
      status: 'closed',
      flags: { escalated: false },
      satisfaction: { satisfied: false, verdict: 'close-unsatisfied' },
    });
    expect(outcome.event).toMatchObject({ action: 'closed', detail: { reason: 'customer-unsatisfied' } });
    expect(countedFor(outcome.complaint)).toEqual([1, 0]);
  });

  it('gives a 满意率 of one in three for one verdict of each kind', () => {
    const totals = (['satisfied', 'review', 'close-unsatisfied'] as const)
      .map((verdict) => rateResolution(resolved, { verdict }, NOW, 'Asia/Shanghai'))
      .reduce((t, o) => (o.ok ? addComplaint(t, complaintFacts(o.complaint)) : t), emptyComplaintTotals());
    expect(satisfactionRate(totals)).toBeCloseTo(1 / 3);
  });

  it('is refused before the complaint is resolved', () => {
    expect(
      rateResolution({ ...resolved, status: 'accepted' }, { verdict: 'satisfied' }, NOW, 'Asia/Shanghai'),
    ).toEqual({
      ok: false,
      reason: 'not-resolved',
    });
  });
});
