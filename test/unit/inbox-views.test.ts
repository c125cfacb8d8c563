import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../functions/domain/complaint.js';
import {
  byDueDate,
  type InboxView,
  inboxViews,
  inInboxView,
} from '../../functions/domain/lifecycle/inbox-views.js';
import {
  inOutletState,
  inOversightView,
  type OversightView,
  oversightViews,
} from '../../functions/domain/lifecycle/oversight-views.js';

/**
 * The README's views ("Roles and access" and "First receiver"): a department's inbox shows what it
 * works and what it owns (a breach counts against the owner's department); the owner's department
 * keeps seeing a complaint worked elsewhere (transferred, mine, overdue); the owner's department
 * is reminded 2 days before the due date. Head office's views read every department's open
 * complaints.
 */
const DUE = '2026-12-09T15:59:59.999Z';
const DAY = 86_400_000;
const now = new Date('2026-12-01T00:00:00.000Z');
const li = { username: 'retail.1', displayName: 'Li Na', departmentId: 'retail-banking' };

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    trackingNo: 'AAAA-AAAA-AAAA',
    outletId: 'sh-lujiazui',
    regionId: 'shanghai',
    category: 'fees-and-charges',
    description: 'An unexpected fee.',
    contact: { sealed: 'x', nameMasked: '张*', phoneMasked: '*******5678', phoneHash: 'h' },
    preferredChannel: 'sms',
    channel: 'qr',
    lang: 'zh-CN',
    status: 'assigned',
    severity: 'normal',
    flags: { overdue: false, escalated: false, extended: false },
    routing: { departmentId: 'retail-banking', reasons: [], recurring: false },
    handlingDepartmentId: 'retail-banking',
    timeLimitDays: 15,
    receivedAt: '2026-11-24T02:00:00.000Z',
    dueAt: DUE,
    version: 1,
    ...overrides,
  };
}

const views = (c: Complaint, department = 'retail-banking', me = 'retail.1', at = now): InboxView[] =>
  inboxViews.filter((v) => inInboxView(v, c, department, me, at));

describe('a department’s inbox views', () => {
  it('new: assigned to the department and not accepted yet', () => {
    expect(views(complaint())).toEqual(['new']);
    expect(views(complaint(), 'cards')).toEqual([]);
  });

  it('mine: what I own, until it is closed', () => {
    const accepted = complaint({ status: 'accepted', owner: li });
    expect(views(accepted)).toEqual(['mine']);
    expect(views(accepted, 'retail-banking', 'retail.2')).toEqual([]);
    expect(views({ ...accepted, status: 'closed' })).toEqual([]);
  });

  it('received: what I took in myself, followed until closed', () => {
    const entered = complaint({
      status: 'accepted',
      enteredBy: li,
      owner: li,
      handlingDepartmentId: 'cards',
    });
    expect(views(entered, 'hotline', 'retail.1')).toEqual(['mine', 'received']);
    expect(views({ ...entered, status: 'closed' }, 'hotline', 'retail.1')).toEqual([]);
  });

  it('due-soon: open, worked here, due within 2 days and not past it', () => {
    const accepted = complaint({ status: 'accepted', owner: li });
    const at = (ms: number) => new Date(Date.parse(DUE) - ms);
    expect(views(accepted, 'retail-banking', 'x', at(2 * DAY))).toEqual(['due-soon']);
    expect(views(accepted, 'retail-banking', 'x', at(2 * DAY + 1))).toEqual([]);
    expect(views(accepted, 'retail-banking', 'x', at(1))).toEqual(['due-soon']);
    expect(views(accepted, 'retail-banking', 'x', at(-1))).toEqual(['overdue']);
    expect(views({ ...accepted, status: 'resolved' }, 'retail-banking', 'x', at(DAY))).toEqual(['resolved']);
  });

  it('overdue: open, worked or owned here, past its due date or marked overdue', () => {
    const late = complaint({ status: 'accepted', owner: li, handlingDepartmentId: 'cards' });
    const past = new Date(Date.parse(DUE) + 1);
    expect(views(late, 'retail-banking', 'x', past)).toEqual(['overdue', 'transferred']);
    expect(views(late, 'cards', 'x', past)).toEqual(['overdue', 'transferred']);
    expect(views(late, 'operations', 'x', past)).toEqual([]);
    const marked = { ...late, flags: { overdue: true, escalated: false, extended: false } };
    expect(views(marked, 'cards', 'x')).toEqual(['overdue', 'transferred']);
    const reopened = { ...marked, status: 'reopened' as const };
    expect(views(reopened, 'cards', 'x')).toEqual(['overdue', 'transferred']);
    expect(views({ ...marked, status: 'resolved' }, 'cards', 'x')).toEqual(['transferred', 'resolved']);
  });

  it('transferred: owned by one department and worked by another, seen by both until closed', () => {
    const elsewhere = complaint({ status: 'accepted', owner: li, handlingDepartmentId: 'cards' });
    expect(views(elsewhere, 'retail-banking', 'x')).toEqual(['transferred']);
    expect(views(elsewhere, 'cards', 'x')).toEqual(['transferred']);
    expect(views({ ...elsewhere, status: 'closed' }, 'cards', 'x')).toEqual([]);
    // Nobody owns it yet: nothing transferred.
    expect(views(complaint({ handlingDepartmentId: 'cards' }), 'cards', 'x')).toEqual(['new']);
  });

  it('resolved: decided here, waiting for the customer', () => {
    expect(views(complaint({ status: 'resolved', owner: li }), 'retail-banking', 'x')).toEqual(['resolved']);
  });

  it('follow-up: owed by the owner’s department, or by the one that resolved it when nobody owns it', () => {
    const owed = { followUp: { dueAt: '2026-12-04T15:59:59.999Z' } };
    const owned = complaint({ status: 'closed', owner: li, handlingDepartmentId: 'cards', ...owed });
    expect(views(owned, 'retail-banking', 'x')).toEqual(['follow-up']);
    expect(views(owned, 'cards', 'x')).toEqual([]);
    const unowned = complaint({ status: 'resolved', ...owed });
    expect(views(unowned, 'retail-banking', 'x')).toEqual(['resolved', 'follow-up']);
    const done = { ...owned, followUp: { ...owed.followUp, doneAt: '2026-12-02T00:00:00.000Z' } };
    expect(views(done, 'retail-banking', 'x')).toEqual([]);
  });

  it('lists the most urgent first, then by tracking number', () => {
    const a = complaint({ trackingNo: 'BBBB-BBBB-BBBB', dueAt: '2026-12-05T15:59:59.999Z' });
    const b = complaint({ trackingNo: 'AAAA-AAAA-AAAA' });
    const c = complaint({ trackingNo: 'CCCC-CCCC-CCCC' });
    expect([c, b, a].sort(byDueDate).map((x) => x.trackingNo)).toEqual([
      'BBBB-BBBB-BBBB',
      'AAAA-AAAA-AAAA',
      'CCCC-CCCC-CCCC',
    ]);
  });
});

const oversight = (c: Complaint, at = now): OversightView[] =>
  oversightViews.filter((v) => inOversightView(v, c, at));

describe('head office’s views', () => {
  it('major, reopened, overdue, extension requests and referrals, of complaints not closed', () => {
    expect(oversight(complaint({ severity: 'major' }))).toEqual(['major']);
    expect(oversight(complaint({ status: 'reopened' }))).toEqual(['reopened']);
    expect(oversight(complaint({ status: 'accepted' }), new Date(Date.parse(DUE) + 1))).toEqual(['overdue']);
    expect(oversight(complaint({ status: 'accepted' }), new Date(Date.parse(DUE) - 1))).toEqual([]);
    expect(oversight(complaint({ flags: { overdue: true, escalated: false, extended: false } }))).toEqual([
      'overdue',
    ]);
    const request = {
      days: 60 as const,
      reason: 'r',
      requestedBy: li,
      requestedAt: '2026-11-30T00:00:00.000Z',
    };
    expect(oversight(complaint({ extensionRequest: request }))).toEqual(['extension-requests']);
    expect(oversight(complaint({ referral: { by: li, at: '2026-11-30T00:00:00.000Z' } }))).toEqual([
      'referred',
    ]);
    expect(oversight(complaint())).toEqual([]);
  });

  it('a resolved complaint past its old due date is not overdue; a closed one is in no view', () => {
    const late = new Date(Date.parse(DUE) + DAY);
    expect(oversight(complaint({ status: 'resolved' }), late)).toEqual([]);
    expect(oversight(complaint({ status: 'closed', severity: 'major' }), late)).toEqual([]);
  });

  it('an outlet’s list: open means not closed (resolved included), closed means closed', () => {
    const states = (c: Complaint) => (['open', 'closed', 'all'] as const).filter((s) => inOutletState(s, c));
    expect(states(complaint({ status: 'resolved' }))).toEqual(['open', 'all']);
    expect(states(complaint({ status: 'closed' }))).toEqual(['closed', 'all']);
  });
});
