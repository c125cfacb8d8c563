import { localDate } from './calendar.js';
import type { Complaint, ComplaintEvent } from './complaint.js';
import type { ComplaintNotice } from './complaint-notifications.js';
import { type Language, pickLanguage } from './language.js';

/**
 * What the customer is told, unasked, about their complaint (the 2020 rules: the customer is told
 * of the receipt, of each extension and its reason, and of the decision with their further
 * options), by text message, in their language, only if they agreed to be. The outbox carries
 * the text without the phone number; the stream opens the number only to send it.
 */
export const CUSTOMER_TOPIC = 'customer';
/** The SNS topic the bank's SMS gateway subscribes to, where notices go by topic (infra). */
export const CUSTOMER_NOTICES_TOPIC = 'customer-notices';
export const customerNoticeKinds = ['received', 'extended', 'decided', 'closed'] as const;
export type CustomerNoticeKind = (typeof customerNoticeKinds)[number];

/** The audit events the customer hears of, and as what. */
const KIND_OF_ACTION: Readonly<Record<string, CustomerNoticeKind>> = {
  assigned: 'received',
  extended: 'extended',
  resolved: 'decided',
  closed: 'closed',
};

export interface NoticeContext {
  /** The handling department's name in each language. */
  departmentName: (lang: Language) => string;
  timeZone: string;
  publicBaseUrl: string;
}

type Texts = Record<CustomerNoticeKind, (v: Record<string, string>) => string>;
const TEXTS: Record<Language, Texts> = {
  'zh-CN': {
    received: (v) =>
      `您的投诉已受理，编号 ${v.no}，由${v.department}处理，我们将于 ${v.due} 前答复您。查询进度：${v.url}`,
    extended: (v) => `您的投诉 ${v.no} 处理期限延长至 ${v.due}，原因：${v.reason}。查询进度：${v.url}`,
    decided: (v) =>
      `您的投诉 ${v.no} 已有处理结果：${v.decision} 如不满意，可申请本行复核，也可申请调解、仲裁或依法起诉。请评价处理结果：${v.url}`,
    closed: (v) => `您的投诉 ${v.no} 已办结。感谢您的反馈。${v.url}`,
  },
  'zh-TW': {
    received: (v) =>
      `您的投訴已受理，編號 ${v.no}，由${v.department}處理，我們將於 ${v.due} 前答覆您。查詢進度：${v.url}`,
    extended: (v) => `您的投訴 ${v.no} 處理期限延長至 ${v.due}，原因：${v.reason}。查詢進度：${v.url}`,
    decided: (v) =>
      `您的投訴 ${v.no} 已有處理結果：${v.decision} 如不滿意，可申請本行覆核，也可申請調解、仲裁或依法起訴。請評價處理結果：${v.url}`,
    closed: (v) => `您的投訴 ${v.no} 已辦結。感謝您的回饋。${v.url}`,
  },
  en: {
    received: (v) =>
      `We have received your complaint ${v.no}. ${v.department} is handling it and will answer by ${v.due}. Follow it: ${v.url}`,
    extended: (v) =>
      `The time to answer your complaint ${v.no} is extended to ${v.due}. Reason: ${v.reason}. ${v.url}`,
    decided: (v) =>
      `Your complaint ${v.no} has a decision: ${v.decision} If you are not satisfied you may ask us to review it, or seek mediation, arbitration or a court. Rate the handling: ${v.url}`,
    closed: (v) => `Your complaint ${v.no} is closed. Thank you for telling us. ${v.url}`,
  },
};

/**
 * The customer's notice for an audit event, if the event is one the customer hears of, the
 * customer agreed to notices, and someone other than the customer took the step (a customer who
 * just rated the handling needs no message saying so).
 */
export function customerNotice(
  complaint: Complaint,
  event: Pick<ComplaintEvent, 'action' | 'actor' | 'detail'>,
  eventId: string,
  ctx: NoticeContext,
): ComplaintNotice | undefined {
  const kind = KIND_OF_ACTION[event.action];
  if (!kind || !complaint.notices || event.actor.kind === 'customer') return undefined;
  const lang = pickLanguage(complaint.lang);
  const text = TEXTS[lang][kind]({
    no: complaint.trackingNo,
    department: ctx.departmentName(lang),
    due: localDate(new Date(complaint.dueAt), ctx.timeZone),
    reason: String(event.detail.reason ?? ''),
    decision: String(event.detail.decision ?? ''),
    url: `${ctx.publicBaseUrl}/t?no=${complaint.trackingNo}`,
  });
  return {
    topic: CUSTOMER_TOPIC,
    subject: kind,
    body: { trackingNo: complaint.trackingNo, kind, lang, text },
    attributes: { event: kind, lang },
    deduplicationId: `${complaint.trackingNo}:${eventId}:${CUSTOMER_TOPIC}`,
  };
}
