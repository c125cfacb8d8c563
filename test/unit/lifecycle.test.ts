import { describe, expect, it } from 'vitest';
import { loadToSimplified } from '../../functions/adapters/text/simplified-chinese.js';
import type { Complaint, ComplaintStatus } from '../../functions/domain/complaint.js';
import {
  type ActionType,
  type Actor,
  actionTypes,
  type StaffAction,
} from '../../functions/domain/lifecycle/actions.js';
import { isRecused } from '../../functions/domain/lifecycle/recusal.js';
import {
  allowedActions,
  applyAction,
  type LifecycleContext,
} from '../../functions/domain/lifecycle/transitions.js';
import { say } from '../../functions/domain/messages.js';

const RECEIVED = '2026-11-24T02:00:00.000Z'; // 10:00 in Shanghai
const DUE_15 = '2026-12-09T15:59:59.999Z';

const ctx = (now = '2026-11-25T02:00:00.000Z'): LifecycleContext => ({
  now: new Date(now),
  timeZone: 'Asia/Shanghai',
  rootCauses: ['staff-conduct', 'process', 'system'],
  departmentIds: ['retail-banking', 'cards', 'operations'],
});

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    trackingNo: 'K7QM-4HXP-9TWA',
    outletId: 'sh-lujiazui',
    regionId: 'shanghai',
    category: 'service-attitude',
    description: 'The teller was rude to me.',
    contact: { sealed: 'x', nameMasked: '张*', phoneMasked: '138****5678', phoneHash: 'h' },
    preferredChannel: 'call',
    staffInvolved: 'Teller Wang Wu',
    channel: 'qr',
    lang: 'zh-CN',
    status: 'assigned',
    severity: 'normal',
    flags: { overdue: false, escalated: false, extended: false },
    routing: { departmentId: 'retail-banking', reasons: [], recurring: false },
    handlingDepartmentId: 'retail-banking',
    timeLimitDays: 15,
    receivedAt: RECEIVED,
    dueAt: DUE_15,
    version: 1,
    ...overrides,
  };
}

const alice: Actor = {
  standing: 'handler',
  username: 'retail-banking.1',
  displayName: 'Li Na',
  departmentId: 'retail-banking',
  role: 'dept:retail-banking',
};
const bob: Actor = { ...alice, username: 'retail-banking.2', displayName: 'Zhao Lei' };
const cardsStaff: Actor = {
  standing: 'handler',
  username: 'cards.1',
  displayName: 'Chen Jie',
  departmentId: 'cards',
  role: 'dept:cards',
};
const ownerDept: Actor = { ...bob, standing: 'owner-department' };
const headOffice: Actor = { standing: 'head-office', username: 'ho', displayName: 'HO', role: 'head-office' };
const system: Actor = { standing: 'system', username: 'sweeper', displayName: 'Sweeper', role: 'system' };

const owner = { username: alice.username, displayName: alice.displayName, departmentId: 'retail-banking' };
const resolution = {
  decision: 'We apologise and refund the fee.',
  rootCause: 'staff-conduct',
  correctiveAction: 'Coaching for the teller.',
  resolvedAt: '2026-11-26T02:00:00.000Z',
  resolvedBy: owner,
};

/** A complaint in each state, as it would be after the steps that lead there. */
const inState: Record<ComplaintStatus, Complaint> = {
  assigned: complaint(),
  accepted: complaint({ status: 'accepted', owner }),
  resolved: complaint({ status: 'resolved', owner, resolution }),
  closed: complaint({ status: 'closed', owner, resolution, closedAt: '2026-11-27T02:00:00.000Z' }),
  reopened: complaint({
    status: 'reopened',
    owner,
    resolution,
    flags: { overdue: false, escalated: true, extended: false },
  }),
};

/** A valid payload for each action type. */
const payload: Record<ActionType, StaffAction> = {
  accept: { type: 'accept' },
  transfer: { type: 'transfer', toDepartment: 'cards', reason: 'Card fee dispute' },
  note: { type: 'note', text: 'Called the branch manager.' },
  contact: { type: 'contact', channel: 'call', summary: 'Explained the fee.' },
  'reveal-phone': { type: 'reveal-phone' },
  extend: { type: 'extend', days: 30, reason: 'Waiting for CCTV footage' },
  'approve-extension': { type: 'approve-extension' },
  'decline-extension': { type: 'decline-extension', reason: 'Not complex enough' },
  resolve: {
    type: 'resolve',
    decision: 'Refund the fee.',
    rootCause: 'process',
    correctiveAction: 'Fix the fee table.',
  },
  reopen: { type: 'reopen', reason: 'Review requested' },
  close: { type: 'close', reason: 'Customer confirmed by phone' },
  'follow-up': { type: 'follow-up', reached: true, summary: 'Customer content with the refund.' },
  refer: { type: 'refer' },
};

const standingActors: Record<Actor['standing'], Actor> = {
  handler: bob,
  'owner-department': ownerDept,
  'head-office': headOffice,
  system,
};

/**
 * The README's action table (section "Lifecycle"), written out cell by cell: who may take each
 * action from each state. H = staff of the handling department, O = staff of the owner's
 * department, C = head office (central), S = the time-limit sweeper, R = staff of the handling
 * department named in the complaint (recused: this is the one thing they may do), - = nobody.
 * Anyone the table never lets take the action is refused 403; anyone it lets take the action in
 * some other state is refused 409 (the state does not allow it now).
 */
const README_ACTION_TABLE = `
  action              assigned  accepted  reopened  resolved  closed
  accept              H         -         -         -         -
  transfer            HC        HC        HC        -         -
  note                HOC       HOC       HOC       HOC       -
  contact             HO        HO        HO        HO        -
  reveal-phone        HOC       HOC       HOC       HOC       HOC
  extend              -         H         H         -         -
  approve-extension   C         C         C         -         -
  decline-extension   C         C         C         -         -
  resolve             -         H         H         -         -
  reopen              -         -         -         C         C
  close               -         -         -         CS        -
  follow-up           -         -         -         HO        HO
  refer               R         R         R         -         -
`;

const letterOf: Record<Actor['standing'], string> = {
  handler: 'H',
  'owner-department': 'O',
  'head-office': 'C',
  system: 'S',
};

function readTable(text: string): Map<string, Map<ComplaintStatus, string>> {
  const [header, ...rows] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const states = (header ?? []).slice(1) as ComplaintStatus[];
  return new Map(
    rows.map(([action = '', ...cells]) => [
      action,
      new Map(states.map((state, i) => [state, cells[i] === '-' ? '' : (cells[i] ?? '')])),
    ]),
  );
}

const table = readTable(README_ACTION_TABLE);

type Expected = 'allowed' | 'forbidden' | 'conflict';
function expected(type: ActionType, status: ComplaintStatus, standing: Actor['standing']): Expected {
  const row = table.get(type);
  if (!row) throw new Error(`The README table has no row for ${type}`);
  const letter = letterOf[standing];
  if (row.get(status)?.includes(letter)) return 'allowed';
  return [...row.values()].some((cell) => cell.includes(letter)) ? 'conflict' : 'forbidden';
}

/** Gives the approval actions something to decide on, the follow-up one owed, the sweeper 7 days. */
function subjectFor(type: ActionType, status: ComplaintStatus): Complaint {
  const base = inState[status];
  if (type === 'approve-extension' || type === 'decline-extension')
    return {
      ...base,
      extensionRequest: { days: 60, reason: 'r', requestedBy: owner, requestedAt: RECEIVED },
    };
  if (type === 'follow-up') return { ...base, followUp: { dueAt: '2026-11-29T15:59:59.999Z' } };
  if (type === 'transfer') return { ...base, referral: { by: owner, at: RECEIVED } };
  return base;
}

describe('the lifecycle table', () => {
  it('covers every action the platform knows, and nothing else', () => {
    expect([...table.keys()].sort()).toEqual([...actionTypes].sort());
  });

  for (const status of Object.keys(inState) as ComplaintStatus[]) {
    for (const type of actionTypes) {
      for (const [standing, actor] of Object.entries(standingActors) as [Actor['standing'], Actor][]) {
        const outcomeExpected = expected(type, status, standing);
        it(`${type} on ${status} by ${standing}: ${outcomeExpected}`, () => {
          const when = type === 'close' && standing === 'system' ? '2026-12-05T02:00:00.000Z' : undefined;
          const outcome = applyAction(subjectFor(type, status), payload[type], actor, ctx(when));
          if (outcomeExpected === 'allowed') expect(outcome.ok).toBe(true);
          else expect(outcome).toMatchObject({ ok: false, error: outcomeExpected });
        });
      }
    }
  }

  it('refuses a staff member named in the complaint every action, even revealing the phone, but referring it', () => {
    const named: Actor = { ...bob, username: 'wangwu', displayName: 'Wang Wu' }; // "Teller Wang Wu"
    for (const status of Object.keys(inState) as ComplaintStatus[]) {
      for (const type of actionTypes) {
        for (const standing of ['handler', 'owner-department', 'head-office'] as const) {
          const outcome = applyAction(subjectFor(type, status), payload[type], { ...named, standing }, ctx());
          const row = table.get(type)?.get(status) ?? '';
          const expectedOutcome =
            standing === 'handler' && row.includes('R')
              ? { ok: true }
              : { ok: false, error: type === 'refer' && standing === 'handler' ? 'conflict' : 'forbidden' };
          expect(outcome, `${type} on ${status} as ${standing}`).toMatchObject(expectedOutcome);
        }
      }
      const open = ['assigned', 'accepted', 'reopened'].includes(status);
      expect(allowedActions(inState[status], named, ctx())).toEqual(open ? ['refer'] : []);
    }
  });

  it('names the allowed actions when a transition is invalid', () => {
    const outcome = applyAction(inState.assigned, payload.resolve, bob, ctx());
    expect(outcome).toMatchObject({ ok: false, error: 'conflict' });
    if (outcome.ok || outcome.error !== 'conflict') throw new Error('expected a conflict');
    expect(say('zh-CN', outcome.message)).toBe(
      '当前状态不能进行此操作（投诉当前为“已分派”，不能“办结”）。现在可以：受理、转办、备注、记录联系客户、查看完整电话',
    );
    expect(say('en', outcome.message)).toBe(
      'Not possible in this state (the complaint is Assigned; “Resolve” is not possible now); allowed now: Accept, Transfer, Add note, Log contact, Reveal phone',
    );
    expect(outcome.allowed).toEqual(['accept', 'transfer', 'note', 'contact', 'reveal-phone']);
  });

  it('offers nothing but revealing the phone on a closed complaint', () => {
    expect(allowedActions(inState.closed, bob, ctx())).toEqual(['reveal-phone']);
    expect(allowedActions(inState.closed, headOffice, ctx())).toEqual(['reveal-phone', 'reopen']);
  });
});

describe('accept', () => {
  it('makes the first staff member who accepts the owner', () => {
    const outcome = applyAction(inState.assigned, payload.accept, bob, ctx());
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.status).toBe('accepted');
    expect(outcome.complaint.owner).toEqual({
      username: 'retail-banking.2',
      displayName: 'Zhao Lei',
      departmentId: 'retail-banking',
    });
    expect(outcome.complaint.version).toBe(2);
    expect(outcome.event).toMatchObject({
      action: 'accepted',
      public: true,
      actor: { kind: 'staff', username: 'retail-banking.2', role: 'dept:retail-banking' },
      before: { status: 'assigned', owner: undefined },
      after: { status: 'accepted', owner: 'retail-banking.2' },
    });
  });

  it('cannot take ownership from the owner: a second accept is a conflict', () => {
    const outcome = applyAction(inState.accepted, payload.accept, bob, ctx());
    expect(outcome).toMatchObject({ ok: false, error: 'conflict' });
  });

  it('is refused to a staff member named in the complaint', () => {
    const wangWu: Actor = { ...bob, username: 'wangwu', displayName: 'Wang Wu' };
    expect(applyAction(inState.assigned, payload.accept, wangWu, ctx())).toMatchObject({
      ok: false,
      error: 'forbidden',
      message: { key: 'forbidden.recused' },
    });
    expect(applyAction(inState.accepted, payload.resolve, wangWu, ctx())).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(allowedActions(inState.assigned, wangWu, ctx())).not.toContain('accept');
    // Anyone else in the department may.
    expect(applyAction(inState.assigned, payload.accept, bob, ctx()).ok).toBe(true);
  });
});

describe('transfer', () => {
  it('moves the work and keeps the owner accountable', () => {
    const outcome = applyAction(inState.accepted, payload.transfer, bob, ctx());
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.handlingDepartmentId).toBe('cards');
    expect(outcome.complaint.owner).toEqual(owner);
    expect(outcome.complaint.status).toBe('accepted');
    expect(outcome.notify).toEqual(['cards', 'retail-banking']);
    expect(outcome.event).toMatchObject({
      action: 'transferred',
      public: true,
      detail: { departmentId: 'cards', fromDepartmentId: 'retail-banking', reason: 'Card fee dispute' },
    });
  });

  it('lets the receiving department resolve, and tells the owner’s department', () => {
    const transferred = complaint({ status: 'accepted', owner, handlingDepartmentId: 'cards' });
    const outcome = applyAction(transferred, payload.resolve, cardsStaff, ctx());
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.status).toBe('resolved');
    expect(outcome.complaint.owner).toEqual(owner);
    expect(outcome.complaint.resolution?.resolvedBy.username).toBe('cards.1');
    expect(outcome.notify).toEqual(['retail-banking']);
  });

  it('refuses an unknown department or the same one', () => {
    expect(
      applyAction(
        inState.accepted,
        { ...payload.transfer, toDepartment: 'nowhere' } as StaffAction,
        bob,
        ctx(),
      ),
    ).toMatchObject({
      ok: false,
      error: 'validation',
      fields: { toDepartment: { key: 'field.department.unknown' } },
    });
    expect(
      applyAction(
        inState.accepted,
        { ...payload.transfer, toDepartment: 'retail-banking' } as StaffAction,
        bob,
        ctx(),
      ),
    ).toMatchObject({
      ok: false,
      error: 'validation',
      fields: { toDepartment: { key: 'field.department.same' } },
    });
  });
});

describe('notes, contacts and phone reveals', () => {
  it('are internal audit events that tell the other department involved', () => {
    const transferred = complaint({ status: 'accepted', owner, handlingDepartmentId: 'cards' });
    const note = applyAction(transferred, payload.note, cardsStaff, ctx());
    expect(note).toMatchObject({
      ok: true,
      event: { action: 'noted', public: false, detail: { text: 'Called the branch manager.' } },
      notify: ['retail-banking'],
    });
    const contact = applyAction(transferred, payload.contact, cardsStaff, ctx());
    expect(contact).toMatchObject({
      ok: true,
      event: {
        action: 'contacted',
        public: false,
        detail: { channel: 'call', summary: 'Explained the fee.' },
      },
    });
    const reveal = applyAction(transferred, payload['reveal-phone'], cardsStaff, ctx());
    expect(reveal).toMatchObject({
      ok: true,
      event: { action: 'phone-revealed', public: false },
      notify: [],
    });
  });
});

describe('time-limit extensions', () => {
  it('to 30 days by the department, shown to the customer with the reason', () => {
    const outcome = applyAction(inState.accepted, payload.extend, bob, ctx());
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.timeLimitDays).toBe(30);
    expect(outcome.complaint.dueAt).toBe('2026-12-24T15:59:59.999Z');
    expect(outcome.complaint.flags.extended).toBe(true);
    expect(outcome.event).toMatchObject({
      action: 'extended',
      public: true,
      detail: { days: 30, dueAt: '2026-12-24T15:59:59.999Z', reason: 'Waiting for CCTV footage' },
    });
  });

  it('to 60 days only with head-office approval', () => {
    const request = applyAction(
      inState.accepted,
      { type: 'extend', days: 60, reason: 'Cross-border case' },
      bob,
      ctx(),
    );
    if (!request.ok) throw new Error(request.message.key);
    expect(request.complaint.timeLimitDays).toBe(15);
    expect(request.complaint.dueAt).toBe(DUE_15);
    expect(request.complaint.extensionRequest).toMatchObject({ days: 60, reason: 'Cross-border case' });
    expect(request.event).toMatchObject({ action: 'extension-requested', public: false });
    expect(request.notify).toEqual(['head-office']);

    // The department cannot approve its own request.
    expect(applyAction(request.complaint, payload['approve-extension'], bob, ctx())).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    // A second request while one waits is a conflict.
    expect(applyAction(request.complaint, payload.extend, bob, ctx())).toMatchObject({
      ok: false,
      error: 'conflict',
    });

    const approved = applyAction(request.complaint, payload['approve-extension'], headOffice, ctx());
    if (!approved.ok) throw new Error(approved.message.key);
    expect(approved.complaint.timeLimitDays).toBe(60);
    expect(approved.complaint.dueAt).toBe('2027-01-23T15:59:59.999Z');
    expect(approved.complaint.extensionRequest).toBeUndefined();
    expect(approved.event).toMatchObject({
      action: 'extended',
      public: true,
      detail: { days: 60, reason: 'Cross-border case' },
    });
  });

  it('a declined request leaves the limit as it was', () => {
    const request = applyAction(inState.accepted, { type: 'extend', days: 60, reason: 'x' }, bob, ctx());
    if (!request.ok) throw new Error(request.message.key);
    const declined = applyAction(request.complaint, payload['decline-extension'], headOffice, ctx());
    if (!declined.ok) throw new Error(declined.message.key);
    expect(declined.complaint.timeLimitDays).toBe(15);
    expect(declined.complaint.extensionRequest).toBeUndefined();
    expect(applyAction(declined.complaint, payload['approve-extension'], headOffice, ctx())).toMatchObject({
      ok: false,
      error: 'conflict',
    });
  });

  it('not twice to 30, not past 60, not once the limit has passed', () => {
    const at30 = complaint({
      status: 'accepted',
      owner,
      timeLimitDays: 30,
      dueAt: '2026-12-24T15:59:59.999Z',
    });
    expect(applyAction(at30, payload.extend, bob, ctx())).toMatchObject({
      ok: false,
      error: 'validation',
      fields: { days: { key: 'field.extend.ask60' } },
    });
    expect(applyAction(at30, { type: 'extend', days: 60, reason: 'x' }, bob, ctx()).ok).toBe(true);
    const at60 = complaint({ status: 'accepted', owner, timeLimitDays: 60 });
    expect(applyAction(at60, { type: 'extend', days: 60, reason: 'x' }, bob, ctx())).toMatchObject({
      ok: false,
      error: 'conflict',
      message: expect.objectContaining({
        params: expect.objectContaining({ reason: { key: 'conflict.extensionMax' } }),
      }),
    });
    expect(applyAction(inState.accepted, payload.extend, bob, ctx('2026-12-10T00:00:00.000Z'))).toMatchObject(
      {
        ok: false,
        error: 'conflict',
        message: expect.objectContaining({
          params: expect.objectContaining({ reason: { key: 'conflict.deadlinePassed' } }),
        }),
      },
    );
  });
});

describe('resolve', () => {
  it('records the decision, root cause and corrective action', () => {
    const outcome = applyAction(inState.accepted, payload.resolve, alice, ctx());
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.status).toBe('resolved');
    expect(outcome.complaint.resolution).toMatchObject({
      decision: 'Refund the fee.',
      rootCause: 'process',
      correctiveAction: 'Fix the fee table.',
      resolvedAt: '2026-11-25T02:00:00.000Z',
    });
    expect(outcome.event).toMatchObject({ action: 'resolved', public: true });
    // The owner resolved it in their own department: nobody else to tell.
    expect(outcome.notify).toEqual([]);
  });

  it('needs a root cause from the configured list', () => {
    expect(
      applyAction(
        inState.accepted,
        { ...payload.resolve, rootCause: 'bad-luck' } as StaffAction,
        alice,
        ctx(),
      ),
    ).toMatchObject({
      ok: false,
      error: 'validation',
      fields: { rootCause: { key: 'field.rootCause' } },
    });
  });

  it('is possible again after the customer reopened it', () => {
    expect(applyAction(inState.reopened, payload.resolve, alice, ctx()).ok).toBe(true);
  });
});

describe('reopen and close', () => {
  it('head office reopens a resolved complaint to its owner with a fresh time limit', () => {
    const overdue = { ...inState.resolved, flags: { overdue: true, escalated: false, extended: false } };
    const outcome = applyAction(overdue, payload.reopen, headOffice, ctx('2026-12-20T02:00:00.000Z'));
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.status).toBe('reopened');
    expect(outcome.complaint.owner).toEqual(owner);
    expect(outcome.complaint.flags).toEqual({ overdue: false, escalated: true, extended: false });
    expect(outcome.complaint.dueAt).toBe('2027-01-04T15:59:59.999Z');
    expect(outcome.notify).toEqual(['retail-banking']);
  });

  it('the sweeper closes only 7 days after the resolution', () => {
    expect(
      applyAction(inState.resolved, payload.close, system, ctx('2026-12-03T01:59:00.000Z')),
    ).toMatchObject({
      ok: false,
      error: 'conflict',
    });
    const outcome = applyAction(inState.resolved, payload.close, system, ctx('2026-12-03T02:00:00.000Z'));
    expect(outcome).toMatchObject({
      ok: true,
      complaint: { status: 'closed', closedAt: '2026-12-03T02:00:00.000Z' },
      event: { action: 'closed', public: true, actor: { kind: 'system' } },
      notify: [],
    });
  });

  it('departments cannot close a complaint: only the customer, head office or the sweeper', () => {
    expect(applyAction(inState.resolved, payload.close, alice, ctx())).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
  });
});

describe('referring a complaint to head office (回避)', () => {
  const named: Actor = { ...bob, username: 'wangwu', displayName: 'Wang Wu' };

  it('records who referred it, privately, and tells head office', () => {
    const outcome = applyAction(inState.accepted, payload.refer, named, ctx());
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.referral).toEqual({
      by: { username: 'wangwu', displayName: 'Wang Wu', departmentId: 'retail-banking' },
      at: '2026-11-25T02:00:00.000Z',
    });
    expect(outcome.complaint.handlingDepartmentId).toBe('retail-banking');
    expect(outcome.event).toMatchObject({ action: 'referred', public: false });
    expect(outcome.notify).toEqual(['head-office']);
    expect(applyAction(outcome.complaint, payload.refer, named, ctx())).toMatchObject({
      ok: false,
      error: 'conflict',
    });
  });

  it('lets head office transfer only a referred complaint, and the transfer ends the referral', () => {
    expect(applyAction(inState.accepted, payload.transfer, headOffice, ctx())).toMatchObject({
      ok: false,
      error: 'conflict',
    });
    const referred = applyAction(inState.accepted, payload.refer, named, ctx());
    if (!referred.ok) throw new Error(referred.message.key);
    const moved = applyAction(referred.complaint, payload.transfer, headOffice, ctx());
    if (!moved.ok) throw new Error(moved.message.key);
    expect(moved.complaint.handlingDepartmentId).toBe('cards');
    expect(moved.complaint.referral).toBeUndefined();
    expect(moved.complaint.owner).toEqual(owner); // the first receiver stays accountable
  });

  it('is refused to anyone not named in the complaint', () => {
    expect(applyAction(inState.assigned, payload.refer, bob, ctx())).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
  });
});

describe('recusal', () => {
  it('matches the username or display name anywhere in the free text, ignoring case and spaces', () => {
    expect(isRecused('柜员王五（3号窗口）', { username: 'w5', displayName: '王五' })).toBe(true);
    expect(isRecused('teller WANGWU at window 3', { username: 'wangwu', displayName: 'x' })).toBe(true);
    expect(isRecused('Wang Wu', { username: 'lina', displayName: 'Li Na' })).toBe(false);
    expect(
      isRecused('3号窗口的王芳', { username: 'retail-banking.1', displayName: '王芳 · 个人金融部' }),
    ).toBe(true);
    expect(isRecused('李强', { username: 'retail-banking.1', displayName: '王芳 · 个人金融部' })).toBe(false);
    expect(isRecused(undefined, { username: 'lina', displayName: 'Li Na' })).toBe(false);
    // One-letter names would match almost anything; they are not taken as a match.
    expect(isRecused('Wang Wu', { username: 'w', displayName: 'W' })).toBe(false);
  });

  it('matches a name written in the other script, given the conversion to simplified', async () => {
    const toSimplified = await loadToSimplified();
    const xuLi = { username: 'operations.1', displayName: '徐丽 · 运营管理部' };
    expect(isRecused('大堂的徐麗態度很差', xuLi, toSimplified)).toBe(true);
    expect(isRecused('櫃員陳靜', { username: 'c', displayName: '陈静' }, toSimplified)).toBe(true);
    expect(isRecused('柜员陈静', { username: 'c', displayName: '陳靜' }, toSimplified)).toBe(true);
    expect(isRecused('大堂的徐麗', xuLi)).toBe(false); // without it, only as written
    expect(isRecused('櫃員陳明', { username: 'c', displayName: '陈静' }, toSimplified)).toBe(false);
    const named: Actor = { ...bob, username: 'operations.1', displayName: '徐丽 · 运营管理部' };
    const complaintInTraditional = { ...inState.assigned, staffInvolved: '徐麗' };
    expect(
      applyAction(complaintInTraditional, payload.accept, named, { ...ctx(), toSimplified }),
    ).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
  });
});

describe('the follow-up contact (回访)', () => {
  it('is scheduled by the resolution, due at the end of the third day in the bank’s time zone', () => {
    // Resolved Wednesday 25 November 10:00 in Shanghai: due by Saturday 28 November 23:59:59.
    const outcome = applyAction(inState.accepted, payload.resolve, bob, ctx('2026-11-25T02:00:00.000Z'));
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.followUp).toEqual({ dueAt: '2026-11-28T15:59:59.999Z' });
  });

  it('is recorded once by the owner’s department, even after the customer closed the complaint', () => {
    const closed = { ...inState.closed, followUp: { dueAt: '2026-11-29T15:59:59.999Z' } };
    const outcome = applyAction(closed, payload['follow-up'], ownerDept, ctx('2026-11-27T02:00:00.000Z'));
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.followUp).toMatchObject({
      doneAt: '2026-11-27T02:00:00.000Z',
      reached: true,
      by: { username: ownerDept.username },
    });
    expect(outcome.event).toMatchObject({ action: 'followed-up', public: false });
    expect(applyAction(outcome.complaint, payload['follow-up'], ownerDept, ctx())).toMatchObject({
      ok: false,
      error: 'conflict',
    });
  });

  it('is cancelled by a review: the next resolution schedules a new one', () => {
    const resolved = { ...inState.resolved, followUp: { dueAt: '2026-11-29T15:59:59.999Z' } };
    const outcome = applyAction(resolved, payload.reopen, headOffice, ctx());
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect(outcome.complaint.followUp).toBeUndefined();
  });
});

describe('who hears of a review and a close, and what the customer sees (issue 23)', () => {
  // Worked by cards, owned by retail banking: the README's "the owner's department … is told of
  // every step the receiving department takes".
  const elsewhere = { ...inState.resolved, handlingDepartmentId: 'cards' };

  it('a review is on the customer’s public timeline with its new due date, and both departments hear of it', () => {
    const outcome = applyAction(elsewhere, payload.reopen, headOffice, ctx('2026-12-20T02:00:00.000Z'));
    expect(outcome).toMatchObject({
      ok: true,
      event: {
        action: 'reopened',
        public: true,
        detail: { reason: 'Review requested', dueAt: '2027-01-04T15:59:59.999Z' },
      },
      complaint: { reopenedAt: '2026-12-20T02:00:00.000Z', closedAt: undefined, followUp: undefined },
    });
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect([...outcome.notify].sort()).toEqual(['cards', 'retail-banking']);
  });

  it('a closed complaint reopened by head office is open again, no longer closed', () => {
    const outcome = applyAction(inState.closed, payload.reopen, headOffice, ctx('2026-12-20T02:00:00.000Z'));
    expect(outcome).toMatchObject({ ok: true, complaint: { status: 'reopened', closedAt: undefined } });
  });

  it('a head-office close tells the handling and the owner’s department, and the customer sees it', () => {
    const outcome = applyAction(elsewhere, payload.close, headOffice, ctx());
    expect(outcome).toMatchObject({
      ok: true,
      complaint: { status: 'closed', closedAt: '2026-11-25T02:00:00.000Z' },
      event: { action: 'closed', public: true, detail: { reason: 'Customer confirmed by phone' } },
    });
    if (!outcome.ok) throw new Error(outcome.message.key);
    expect([...outcome.notify].sort()).toEqual(['cards', 'retail-banking']);
  });

  it('decline-extension, like approve-extension, needs a request waiting', () => {
    for (const type of ['decline-extension', 'approve-extension'] as const)
      expect(applyAction(inState.accepted, payload[type], headOffice, ctx())).toMatchObject({
        ok: false,
        error: 'conflict',
        message: expect.objectContaining({
          params: expect.objectContaining({ reason: { key: 'conflict.noExtensionRequest' } }),
        }),
      });
  });

  it('a declined request is private, tells its reason, and leaves the due date', () => {
    const waiting = {
      ...inState.accepted,
      extensionRequest: { days: 60 as const, reason: 'r', requestedBy: owner, requestedAt: RECEIVED },
    };
    expect(applyAction(waiting, payload['decline-extension'], headOffice, ctx())).toMatchObject({
      ok: true,
      event: { action: 'extension-declined', public: false, detail: { reason: 'Not complex enough' } },
      complaint: { dueAt: DUE_15, timeLimitDays: 15, extensionRequest: undefined },
    });
  });
});

describe('each refusal says why, and each step records what it did (issue 23)', () => {
  const reasonOf = (outcome: ReturnType<typeof applyAction>) =>
    outcome.ok ? undefined : outcome.error === 'conflict' ? outcome.message.params?.reason : outcome.message;
  const waiting = { days: 60 as const, reason: 'r', requestedBy: owner, requestedAt: RECEIVED };

  it('names the reason of each conflict', () => {
    const request = { ...inState.accepted, extensionRequest: waiting };
    expect(reasonOf(applyAction(request, payload.extend, bob, ctx()))).toEqual({
      key: 'conflict.extensionWaiting',
    });
    expect(reasonOf(applyAction(inState.resolved, payload['follow-up'], ownerDept, ctx()))).toEqual({
      key: 'conflict.noFollowUp',
    });
    expect(reasonOf(applyAction(inState.accepted, payload.transfer, headOffice, ctx()))).toEqual({
      key: 'conflict.notReferred',
    });
    const referred = { ...inState.accepted, referral: { by: owner, at: RECEIVED } };
    const named: Actor = { ...bob, username: 'wangwu', displayName: 'Wang Wu' };
    expect(reasonOf(applyAction(referred, payload.refer, named, ctx()))).toEqual({
      key: 'conflict.alreadyReferred',
    });
    expect(reasonOf(applyAction(inState.resolved, payload.close, system, ctx()))).toEqual({
      key: 'conflict.customerMayRate',
    });
  });

  it('names the action refused, and who may refer', () => {
    expect(reasonOf(applyAction(inState.resolved, payload.close, alice, ctx()))).toEqual({
      key: 'forbidden.action',
      params: { action: { key: 'action.close' } },
    });
    expect(reasonOf(applyAction(inState.accepted, payload.refer, bob, ctx()))).toEqual({
      key: 'forbidden.referOnlyNamed',
    });
  });

  it('a refusal with nothing allowed now says so', () => {
    const outcome = applyAction(inState.closed, payload.resolve, bob, ctx());
    expect(outcome).toMatchObject({ ok: false, error: 'conflict', allowed: ['reveal-phone'] });
    const named: Actor = { ...bob, username: 'wangwu', displayName: 'Wang Wu' };
    const none = applyAction(inState.closed, payload.refer, named, ctx());
    expect(none).toMatchObject({ ok: false, error: 'conflict', allowed: [] });
    if (none.ok || none.error !== 'conflict') throw new Error('expected a conflict');
    expect(none.message.params?.allowed).toEqual([{ key: 'conflict.transition.none' }]);
  });

  it('bad input is a validation refusal with its field', () => {
    expect(
      applyAction(inState.accepted, { ...payload.transfer, toDepartment: 'nope' } as StaffAction, bob, ctx()),
    ).toEqual({
      ok: false,
      error: 'validation',
      message: { key: 'fields.invalid' },
      fields: { toDepartment: { key: 'field.department.unknown' } },
    });
  });

  it('the sweeper is never recused, whatever the complaint names', () => {
    const namesSweeper = { ...inState.resolved, staffInvolved: 'the Sweeper' };
    expect(applyAction(namesSweeper, payload.close, system, ctx('2026-12-03T02:00:00.000Z')).ok).toBe(true);
  });

  it('records whether the acceptor became the owner, what a 60-day request asks, a decision, a follow-up', () => {
    expect(applyAction(inState.assigned, payload.accept, bob, ctx())).toMatchObject({
      event: { detail: { becameOwner: true } },
      complaint: { owner: { username: bob.username } },
    });
    const entered = { ...inState.assigned, owner, enteredBy: owner };
    expect(applyAction(entered, payload.accept, bob, ctx())).toMatchObject({
      event: { detail: { becameOwner: false } },
      complaint: { owner: { username: owner.username } },
    });
    expect(
      applyAction(inState.accepted, { type: 'extend', days: 60, reason: 'Abroad' }, bob, ctx()),
    ).toMatchObject({
      event: { action: 'extension-requested', public: false, detail: { days: 60, reason: 'Abroad' } },
      notify: ['head-office'],
    });
    expect(applyAction(inState.accepted, payload.resolve, bob, ctx())).toMatchObject({
      event: {
        detail: { decision: 'Refund the fee.', rootCause: 'process', correctiveAction: 'Fix the fee table.' },
        before: {
          status: 'accepted',
          flags: { overdue: false, escalated: false, extended: false },
          version: 1,
        },
        after: { status: 'resolved', version: 2 },
      },
    });
    const owed = { ...inState.resolved, followUp: { dueAt: '2026-11-29T15:59:59.999Z' } };
    expect(applyAction(owed, payload['follow-up'], ownerDept, ctx())).toMatchObject({
      event: { detail: { reached: true, summary: 'Customer content with the refund.' } },
      complaint: { followUp: { dueAt: '2026-11-29T15:59:59.999Z' } },
    });
  });

  it('a review of a complaint nobody owns tells the handling department only', () => {
    const unowned = { ...inState.resolved, owner: undefined, handlingDepartmentId: 'cards' };
    expect(applyAction(unowned, payload.reopen, headOffice, ctx())).toMatchObject({
      ok: true,
      notify: ['cards'],
    });
  });
});
