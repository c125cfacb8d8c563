import { describe, expect, it } from 'vitest';
import { type Complaint, intakeEvents } from '../../functions/domain/complaint.js';
import { complaintNotice, HEAD_OFFICE_TOPIC } from '../../functions/domain/complaint-notifications.js';
import {
  CUSTOMER_TOPIC,
  customerNotice,
  type NoticeContext,
} from '../../functions/domain/customer-notices.js';
import type { Language } from '../../functions/domain/language.js';

/**
 * What the departments and the customer are told of a complaint (README "What the customer is
 * told" and "Notifications"), and the first two steps of its trail. Expected texts are the
 * README's table in each language, the due date the bank's date in Shanghai.
 */
function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    trackingNo: 'K7QM-4HXP-9TWA',
    outletId: 'sh-lujiazui',
    regionId: 'shanghai',
    category: 'fees-and-charges',
    description: 'An unexpected fee.',
    contact: { sealed: 'x', nameMasked: '张*', phoneMasked: '*******5678', phoneHash: 'h' },
    preferredChannel: 'sms',
    channel: 'qr',
    lang: 'zh-CN',
    notices: true,
    status: 'assigned',
    severity: 'normal',
    flags: { overdue: false, escalated: false, extended: false },
    routing: { departmentId: 'cards', reasons: ['category fees-and-charges'], recurring: false },
    handlingDepartmentId: 'cards',
    timeLimitDays: 15,
    receivedAt: '2026-11-24T02:00:00.000Z',
    // 23:59:59.999 on 9 December in Shanghai (UTC+8): 15:59:59.999 UTC.
    dueAt: '2026-12-09T15:59:59.999Z',
    version: 1,
    ...overrides,
  };
}

const names: Record<Language, string> = { 'zh-CN': '信用卡部', 'zh-TW': '信用卡部', en: 'Cards' };
const ctx: NoticeContext = {
  departmentName: (lang) => names[lang],
  timeZone: 'Asia/Shanghai',
  publicBaseUrl: 'https://fb.example',
};
const staff = { kind: 'staff' as const, username: 'cards.1' };
const event = (
  action: string,
  detail: Record<string, unknown> = {},
  actor: { kind: 'staff' | 'customer' | 'system' } = staff,
) => ({
  action,
  actor,
  detail,
});
const URL = 'https://fb.example/t?no=K7QM-4HXP-9TWA';

describe('what the customer is told, by text message, in their language', () => {
  it('received and routed: the tracking number, the department, the date it will be answered by', () => {
    expect(customerNotice(complaint(), event('assigned'), 'e1', ctx)).toEqual({
      topic: CUSTOMER_TOPIC,
      subject: 'received',
      body: {
        trackingNo: 'K7QM-4HXP-9TWA',
        kind: 'received',
        lang: 'zh-CN',
        text: `您的投诉已受理，编号 K7QM-4HXP-9TWA，由信用卡部处理，我们将于 2026-12-09 前答复您。查询进度：${URL}`,
      },
      attributes: { event: 'received', lang: 'zh-CN' },
      deduplicationId: 'K7QM-4HXP-9TWA:e1:customer',
    });
  });

  it('each extension: the new date and the reason', () => {
    const extended = complaint({ lang: 'en', dueAt: '2026-12-24T15:59:59.999Z' });
    expect(
      customerNotice(extended, event('extended', { reason: 'Waiting for CCTV' }), 'e2', ctx)?.body,
    ).toEqual({
      trackingNo: 'K7QM-4HXP-9TWA',
      kind: 'extended',
      lang: 'en',
      text: `The time to answer your complaint K7QM-4HXP-9TWA is extended to 2026-12-24. Reason: Waiting for CCTV. ${URL}`,
    });
  });

  it('the decision, with the options of a review, mediation, arbitration or a court', () => {
    const notice = customerNotice(
      complaint({ lang: 'zh-TW' }),
      event('resolved', { decision: '退還費用。' }),
      'e3',
      ctx,
    );
    expect(notice?.body.text).toBe(
      `您的投訴 K7QM-4HXP-9TWA 已有處理結果：退還費用。 如不滿意，可申請本行覆核，也可申請調解、仲裁或依法起訴。請評價處理結果：${URL}`,
    );
    expect(notice?.attributes).toEqual({ event: 'decided', lang: 'zh-TW' });
  });

  it('closing, by staff or the sweeper', () => {
    for (const actor of [staff, { kind: 'system' as const }])
      expect(
        customerNotice(complaint({ lang: 'en' }), event('closed', {}, actor), 'e4', ctx)?.body.text,
      ).toBe(`Your complaint K7QM-4HXP-9TWA is closed. Thank you for telling us. ${URL}`);
  });

  it('nothing of any other step, nothing of the customer’s own verdict, nothing without their consent', () => {
    for (const action of ['received', 'accepted', 'transferred', 'noted', 'reopened', 'extension-requested'])
      expect(customerNotice(complaint(), event(action), 'e', ctx)).toBeUndefined();
    expect(customerNotice(complaint(), event('closed', {}, { kind: 'customer' }), 'e', ctx)).toBeUndefined();
    expect(customerNotice(complaint({ notices: false }), event('assigned'), 'e', ctx)).toBeUndefined();
    expect(customerNotice(complaint({ notices: undefined }), event('assigned'), 'e', ctx)).toBeUndefined();
  });
});

describe('what a department and head office are told', () => {
  it('names the complaint, where it is and by when, and links the inbox: never the customer', () => {
    const owned = complaint({
      owner: { username: 'retail.1', displayName: 'Li Na', departmentId: 'retail-banking' },
      status: 'accepted',
    });
    expect(complaintNotice(owned, 'retail-banking', 'transferred', 'https://fb.example', 'ev7')).toEqual({
      topic: 'retail-banking',
      subject: '[complaint] transferred: K7QM-4HXP-9TWA',
      body: {
        event: 'transferred',
        trackingNo: 'K7QM-4HXP-9TWA',
        category: 'fees-and-charges',
        severity: 'normal',
        outletId: 'sh-lujiazui',
        regionId: 'shanghai',
        departmentId: 'cards',
        ownerDepartmentId: 'retail-banking',
        status: 'accepted',
        receivedAt: '2026-11-24T02:00:00.000Z',
        dueAt: '2026-12-09T15:59:59.999Z',
        inboxUrl: 'https://fb.example/staff#/complaints/K7QM-4HXP-9TWA',
      },
      attributes: {
        department: 'cards',
        category: 'fees-and-charges',
        severity: 'normal',
        outlet: 'sh-lujiazui',
        region: 'shanghai',
        event: 'transferred',
      },
      deduplicationId: 'K7QM-4HXP-9TWA:ev7:retail-banking',
    });
  });

  it('marks a major complaint in the subject', () => {
    expect(
      complaintNotice(complaint({ severity: 'major' }), HEAD_OFFICE_TOPIC, 'received', '', 'e').subject,
    ).toBe('[MAJOR] received: K7QM-4HXP-9TWA');
    expect(HEAD_OFFICE_TOPIC).toBe('head-office');
  });
});

describe('the first two steps of every complaint’s trail', () => {
  it('a customer’s own complaint: received from the customer, then assigned by the system, both public', () => {
    const [received, assigned] = intakeEvents(complaint());
    expect(received).toEqual({
      trackingNo: 'K7QM-4HXP-9TWA',
      at: '2026-11-24T02:00:00.000Z',
      seq: 0,
      action: 'received',
      actor: { kind: 'customer' },
      public: true,
      detail: { channel: 'qr', category: 'fees-and-charges', outletId: 'sh-lujiazui' },
    });
    expect(assigned).toEqual({
      trackingNo: 'K7QM-4HXP-9TWA',
      at: '2026-11-24T02:00:00.000Z',
      seq: 1,
      action: 'assigned',
      actor: { kind: 'system' },
      public: true,
      detail: {
        departmentId: 'cards',
        dueAt: '2026-12-09T15:59:59.999Z',
        severity: 'normal',
        reasons: ['category fees-and-charges'],
      },
      after: { status: 'assigned', handlingDepartmentId: 'cards', dueAt: '2026-12-09T15:59:59.999Z' },
    });
  });

  it('a staff entry: received by the first receiver, with the hotline’s ticket', () => {
    const enteredBy = { username: 'hotline.3', displayName: '刘洋', departmentId: 'hotline' };
    const [received] = intakeEvents(
      complaint({ channel: 'hotline', enteredBy, hotlineTicket: '95588-0042' }),
    );
    expect(received).toMatchObject({
      actor: { kind: 'staff', username: 'hotline.3', displayName: '刘洋' },
      detail: {
        channel: 'hotline',
        category: 'fees-and-charges',
        outletId: 'sh-lujiazui',
        hotlineTicket: '95588-0042',
        firstReceiver: 'hotline.3',
      },
    });
  });
});

describe('every notice in every language', () => {
  const langs: Language[] = ['zh-CN', 'zh-TW', 'en'];
  const steps = [
    ['assigned', {}, ['信用卡部', 'Cards'], '2026-12-09'],
    ['extended', { reason: 'CCTV-7' }, ['CCTV-7'], '2026-12-09'],
    ['resolved', { decision: 'REFUND-42' }, ['REFUND-42'], undefined],
    ['closed', {}, [], undefined],
  ] as const;
  it.each(langs)(
    '%s: each names the complaint, links its page, and says what the README’s table says it says',
    (lang) => {
      for (const [action, detail, words, due] of steps) {
        const text = String(customerNotice(complaint({ lang }), event(action, detail), 'e', ctx)?.body.text);
        expect(text, `${lang} ${action}`).toContain('K7QM-4HXP-9TWA');
        expect(text.endsWith(URL), `${lang} ${action}`).toBe(true);
        if (words.length)
          expect(
            words.some((w) => text.includes(w)),
            `${lang} ${action}: ${text}`,
          ).toBe(true);
        if (due) expect(text, `${lang} ${action}`).toContain(due);
      }
    },
  );
});
