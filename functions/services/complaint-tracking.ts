import { createHash } from 'node:crypto';
import type { StoredEvent } from '../adapters/dynamodb/complaint-repository.js';
import { departments } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import type { Complaint } from '../domain/complaint.js';
import { HEAD_OFFICE_TOPIC } from '../domain/complaint-notifications.js';
import { rateResolution, type Verdict } from '../domain/customer-rating.js';
import { conflict, notFound, rateLimited } from '../domain/errors.js';
import type { Language } from '../domain/language.js';
import { message } from '../domain/messages.js';
import { localized } from '../domain/outlet.js';
import { normalizeTrackingNumber } from '../domain/tracking-number.js';
import { recordStep } from './complaint-steps.js';
import type { OutletDirectory } from './outlet-directory.js';
import type { RoutingRulesService } from './routing-rules-service.js';

/**
 * Failed tries allowed per hour at the tracking look-up. Per client address: one person guessing
 * is stopped after a few mistypes' worth. Per tracking number, from every address together: a
 * guess spread over many addresses is stopped too, while the customer, on their own address,
 * is not locked out by someone else's guesses unless those come from many addresses at once.
 */
export const TRACKING_TRIES_PER_HOUR = { address: 10, number: 30 } as const;

/** The customer's side of a complaint: look it up with the tracking number and phone, and rate its handling. */
export class ComplaintTracking {
  constructor(
    private readonly deps: Dependencies,
    private readonly directory: OutletDirectory,
    private readonly rules: RoutingRulesService,
  ) {}

  async view(trackingNoInput: string, phoneLast4: string, clientAddress: string, lang: Language) {
    const { complaint, events } = await this.verified(trackingNoInput, phoneLast4, clientAddress);
    return this.publicView(complaint, events, lang);
  }

  async rate(
    trackingNoInput: string,
    request: { phoneLast4: string; verdict: Verdict; comment?: string | undefined },
    clientAddress: string,
    lang: Language,
  ) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { complaint, events } = await this.verified(trackingNoInput, request.phoneLast4, clientAddress);
      const outcome = rateResolution(complaint, request, this.deps.now(), this.deps.config.TIME_ZONE);
      if (!outcome.ok) {
        if (complaint.satisfaction?.verdict === request.verdict) {
          return this.publicView(complaint, events, lang); // the same verdict again: a retry
        }
        throw conflict(message('conflict.notResolved', { status: message(`state.${complaint.status}`) }), {
          status: complaint.status,
        });
      }
      const updated = outcome.complaint;
      // A review: back to the owner, who stays accountable, and up to head office. Closed
      // unsatisfied: the departments involved and head office learn the customer was not satisfied.
      const notify =
        request.verdict === 'satisfied'
          ? []
          : [
              ...new Set([
                updated.owner?.departmentId ?? updated.handlingDepartmentId,
                updated.handlingDepartmentId,
                HEAD_OFFICE_TOPIC,
              ]),
            ];
      const event = await recordStep(this.deps, complaint, { ...outcome, notify });
      if (event) return this.publicView(updated, [...events, event], lang);
    }
    throw conflict('conflict.ratingChanged');
  }

  /**
   * The complaint, if the phone's last four digits match. A wrong number answers exactly like an
   * unknown tracking number. Each look-up takes a try from its address, and only once that is
   * granted one from its tracking number (one conditional write each, so parallel guesses cannot
   * outrun the count): a guess its address may no longer make never spends the number's tries,
   * so one address cannot lock the customer out. A refusal by the number's limit gives the
   * address its try back, and a right answer gives both back, so only compared failures count.
   */
  private async verified(trackingNoInput: string, phoneLast4: string, clientAddress: string) {
    const trackingNo = normalizeTrackingNumber(trackingNoInput);
    if (!trackingNo) throw notFound('notFound.complaint');
    const { trackingLimits, complaints } = this.deps.repositories;
    const nowMs = this.deps.now().getTime();
    const hour = Math.floor(nowMs / 3_600_000);
    const expiresAt = (hour + 2) * 3600;
    const address = createHash('sha256').update(`track:${clientAddress}`).digest('base64url').slice(0, 22);
    const tooMany = () => rateLimited('limited.tracking', ((hour + 1) * 3_600_000 - nowMs) / 1000);
    const [addressTry, found] = await Promise.all([
      trackingLimits.take('address', address, hour, TRACKING_TRIES_PER_HOUR.address, expiresAt),
      complaints.getWithTimeline(trackingNo),
    ]);
    if (!addressTry) throw tooMany();
    if (!(await trackingLimits.take('number', trackingNo, hour, TRACKING_TRIES_PER_HOUR.number, expiresAt))) {
      await trackingLimits.giveBack('address', address, hour);
      throw tooMany();
    }
    if (!found?.complaint.contact.phoneMasked.endsWith(phoneLast4)) throw notFound('notFound.complaint');
    await Promise.all([
      trackingLimits.giveBack('address', address, hour),
      trackingLimits.giveBack('number', trackingNo, hour),
    ]);
    return found;
  }

  private async publicView(complaint: Complaint, events: StoredEvent[], lang: Language) {
    const outlet = await this.directory.outlet(complaint.outletId);
    const { rules } = await this.rules.current();
    const category = rules.categories.find((c) => c.id === complaint.category);
    const department = departments.find((d) => d.id === complaint.handlingDepartmentId);
    return {
      trackingNo: complaint.trackingNo,
      status: complaint.status,
      category: {
        id: complaint.category,
        name: category ? localized(category.name, lang) : complaint.category,
      },
      outlet: { id: complaint.outletId, name: outlet ? localized(outlet.name, lang) : complaint.outletId },
      department: {
        id: complaint.handlingDepartmentId,
        name: department ? localized(department.name, lang) : complaint.handlingDepartmentId,
      },
      receivedAt: complaint.receivedAt,
      dueAt: complaint.dueAt,
      extended: complaint.flags.extended,
      canRate: complaint.status === 'resolved',
      resolution: complaint.resolution
        ? {
            decision: complaint.resolution.decision,
            resolvedAt: complaint.resolution.resolvedAt,
            options: remedies[lang],
          }
        : undefined,
      satisfaction: complaint.satisfaction
        ? {
            satisfied: complaint.satisfaction.satisfied,
            verdict:
              complaint.satisfaction.verdict ?? (complaint.satisfaction.satisfied ? 'satisfied' : 'review'),
            at: complaint.satisfaction.at,
          }
        : undefined,
      timeline: events
        .filter((e) => e.public)
        .map((e) => ({ at: e.at, action: e.action, ...publicDetail(e, lang) })),
    };
  }
}

/** Only what the customer may see of an event: never staff names, notes or routing reasons. */
function publicDetail(event: StoredEvent, lang: Language): Record<string, unknown> {
  const d = event.detail;
  switch (event.action) {
    case 'assigned':
    case 'transferred': {
      const department = departments.find((x) => x.id === d.departmentId);
      return { department: department ? localized(department.name, lang) : d.departmentId, dueAt: d.dueAt };
    }
    case 'extended':
      return { dueAt: d.dueAt, reason: d.reason };
    case 'resolved':
      return { decision: d.decision };
    case 'reopened':
      return { dueAt: d.dueAt };
    default:
      return {};
  }
}

/** The customer's further options after a decision, as the 2020 rules require the bank to tell them. */
const remedies: Record<Language, string[]> = {
  'zh-CN': [
    '如对处理结果不满意，可在收到决定之日起 30 日内向本行申请复核。',
    '可向银行业消费纠纷调解组织申请调解。',
    '可依据仲裁协议申请仲裁，或依法向人民法院提起诉讼。',
  ],
  'zh-TW': [
    '如對處理結果不滿意，可於收到決定之日起 30 日內向本行申請覆核。',
    '可向銀行業消費糾紛調解組織申請調解。',
    '可依據仲裁協議申請仲裁，或依法向人民法院提起訴訟。',
  ],
  en: [
    'If you are not satisfied with the decision, you may ask the bank to review it within 30 days of receiving it.',
    'You may apply for mediation by a banking consumer-dispute mediation body.',
    'You may apply for arbitration under an arbitration agreement, or bring a lawsuit before a people’s court.',
  ],
};
