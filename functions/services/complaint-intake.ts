import { PersonalDataCipher } from '../adapters/crypto/personal-data-cipher.js';
import type { StoredEvent } from '../adapters/dynamodb/complaint-repository.js';
import type { StoredSubmission } from '../adapters/dynamodb/submission-repository.js';
import { departmentsOf, isHeadOffice, type Principal } from '../auth/principal.js';
import { departments } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import {
  type Complaint,
  type IntakeChannel,
  intakeEvents,
  type StaffChannel,
  type StaffRef,
} from '../domain/complaint.js';
import { complaintNotice, HEAD_OFFICE_TOPIC } from '../domain/complaint-notifications.js';
import { customerNotice, type NoticeContext } from '../domain/customer-notices.js';
import { conflict, forbidden, invalid, notFound, rateLimited } from '../domain/errors.js';
import { fingerprint } from '../domain/feedback.js';
import type { Language } from '../domain/language.js';
import type { Outlet } from '../domain/outlet.js';
import { isMainlandLandline, maskName, maskPhone } from '../domain/phone.js';
import { SlidingWindowLimiter } from '../domain/rate-limits.js';
import { decideRoute } from '../domain/routing.js';
import { dueDate } from '../domain/time-limits.js';
import { newTrackingNumber } from '../domain/tracking-number.js';
import type { OutletAccess } from './outlet-access.js';
import type { RoutingRulesService } from './routing-rules-service.js';

export interface ComplaintRequest {
  outletId: string;
  submissionId: string;
  category: string;
  description: string;
  contact: { name: string; phone: string };
  preferredChannel: 'call' | 'sms';
  notices?: boolean | undefined;
  incidentDate?: string | undefined;
  staffInvolved?: string | undefined;
  consent: true;
  lang?: Language | undefined;
  channel?: StaffChannel | undefined;
  hotlineTicket?: string | undefined;
}

export type IntakeCaller =
  /** `key` from the outlet's QR code, or none when the customer chose the outlet from the list. */
  | { kind: 'customer'; key: string | undefined; clientAddress: string }
  | { kind: 'staff'; principal: Principal; staff: StaffRef };

export interface IntakeReceipt {
  trackingNo: string;
  status: string;
  department: { id: string; name: string };
  receivedAt: string;
  dueAt: string;
  severity: string;
}

const DAY_MS = 86_400_000;

/**
 * Takes a complaint in: decides its department (routing rules, overrides, recurring pattern) and
 * its time limit, and writes the complaint, its first audit events and their notifications in one
 * transaction with the submission marker. The stream then notifies; nothing is lost in between.
 */
export class ComplaintIntake {
  /** Customers' complaints per address (per instance; the WAF rule limits across instances in AWS). */
  private readonly addresses: SlidingWindowLimiter;
  /** Complaints a staff member enters, per minute. */
  private readonly staffEntries: SlidingWindowLimiter;

  constructor(
    private readonly deps: Dependencies,
    private readonly access: OutletAccess,
    private readonly rules: RoutingRulesService,
  ) {
    this.addresses = new SlidingWindowLimiter(deps.config.RATE_LIMIT_IP_PER_MINUTE, 60_000);
    this.staffEntries = new SlidingWindowLimiter(deps.config.RATE_LIMIT_STAFF_ENTRIES_PER_MINUTE, 60_000);
  }

  async submit(
    request: ComplaintRequest,
    caller: IntakeCaller,
  ): Promise<{ status: 200 | 201; receipt: IntakeReceipt }> {
    const hotlineTicket = this.hotlineTicketOf(request, caller);
    checkReachable(request);
    const outlet = await this.outletFor(request.outletId, caller);
    const { rules } = await this.rules.current();
    if (!rules.categories.some((c) => c.id === request.category))
      throw invalid({ category: 'field.category.unknown' });
    const cipher = new PersonalDataCipher(await this.deps.secrets.personalDataKeys());
    const requestFingerprint = cipher.hash(
      fingerprint({ ...request, channel: this.channelOf(request, caller) }),
      'submission',
    );
    const { complaints, submissions } = this.deps.repositories;
    const now = this.deps.now();
    if (caller.kind === 'staff') this.checkStaffEntry(caller.principal, now);
    if (caller.kind === 'customer') {
      const turn = this.addresses.take(caller.clientAddress, now.getTime());
      if (!turn.ok) {
        // A retry of a complaint already taken in is still answered with its receipt.
        const stored = await submissions.find(request.submissionId);
        if (stored) return { status: 200, receipt: replayed(stored, requestFingerprint) };
        throw rateLimited('limited.complaints', turn.retryAfterMs / 1000);
      }
    }
    const since = new Date(now.getTime() - rules.recurring.windowDays * DAY_MS).toISOString();
    const recentSameCategory = await complaints.countRecent(outlet.id, request.category, since);
    const route = decideRoute(rules, {
      categoryId: request.category,
      outletId: outlet.id,
      regionId: outlet.regionId,
      recentSameCategory,
    });
    const trackingNo = newTrackingNumber();
    const receivedAt = now.toISOString();
    const complaint: Complaint = {
      trackingNo,
      outletId: outlet.id,
      regionId: outlet.regionId,
      category: request.category,
      description: request.description,
      contact: {
        sealed: cipher.seal(JSON.stringify(request.contact), trackingNo),
        nameMasked: maskName(request.contact.name),
        phoneMasked: maskPhone(request.contact.phone),
        phoneHash: cipher.hash(request.contact.phone, 'phone'),
      },
      preferredChannel: request.preferredChannel,
      notices: request.notices ?? false,
      incidentDate: request.incidentDate,
      staffInvolved: request.staffInvolved,
      channel: this.channelOf(request, caller),
      lang: request.lang ?? 'zh-CN',
      status: 'assigned',
      severity: route.severity,
      flags: { overdue: false, escalated: route.escalated, extended: false },
      routing: { departmentId: route.departmentId, reasons: route.reasons, recurring: route.recurring },
      handlingDepartmentId: route.departmentId,
      timeLimitDays: route.timeLimitDays,
      receivedAt,
      dueAt: dueDate(now, route.timeLimitDays, this.deps.config.TIME_ZONE).toISOString(),
      // 首问负责制: staff who take a complaint in own it from the start, wherever it is handled.
      enteredBy: caller.kind === 'staff' ? caller.staff : undefined,
      owner: caller.kind === 'staff' ? caller.staff : undefined,
      hotlineTicket,
      version: 1,
    };
    const baseUrl = this.deps.config.PUBLIC_BASE_URL;
    const topics = [route.departmentId, ...(route.escalated ? [HEAD_OFFICE_TOPIC] : [])];
    const receiptNotice = customerNotice(
      complaint,
      { action: 'assigned', actor: { kind: 'system' }, detail: {} },
      'assigned',
      noticeContext(this.deps, complaint),
    );
    const [received, assigned] = intakeEvents(complaint);
    const events: StoredEvent[] = [
      received,
      {
        ...assigned,
        notifications: [
          ...topics.map((topic) => complaintNotice(complaint, topic, 'received', baseUrl, 'assigned')),
          ...(receiptNotice ? [receiptNotice] : []),
        ],
      },
    ];
    const receipt: IntakeReceipt = {
      trackingNo,
      status: complaint.status,
      department: { id: route.departmentId, name: departmentName(route.departmentId, complaint.lang) },
      receivedAt,
      dueAt: complaint.dueAt,
      severity: complaint.severity,
    };
    const outcome = await complaints.create(
      complaint,
      events,
      { submissionId: request.submissionId, fingerprint: requestFingerprint, resultId: trackingNo, receipt },
      now,
    );
    if (outcome.kind === 'exists')
      return { status: 200, receipt: replayed(outcome.existing, requestFingerprint) };
    this.deps.metrics.count(complaint.severity === 'major' ? 'MajorComplaintReceived' : 'ComplaintReceived');
    return { status: 201, receipt };
  }

  /**
   * Complaints taken on the hotline, at the counter, by letter or e-mail are entered by the
   * staff of a department or by head office, within their own limit per minute; admins (who may
   * not see complaint content) and outlet managers (read-only) do not enter them.
   */
  private checkStaffEntry(principal: Principal, now: Date) {
    if (departmentsOf(principal).length === 0 && !isHeadOffice(principal))
      throw forbidden('forbidden.staffEntry');
    const turn = this.staffEntries.take(principal.username, now.getTime());
    if (!turn.ok) throw rateLimited('limited.staffEntries', turn.retryAfterMs / 1000);
  }

  private async outletFor(outletId: string, caller: IntakeCaller): Promise<Outlet> {
    if (caller.kind === 'customer' && caller.key !== undefined)
      return this.access.outletForCustomer(outletId, caller.key);
    const outlet = await this.access.directory.outlet(outletId);
    if (!outlet?.active) throw notFound('notFound.outletOutOfService');
    return outlet;
  }

  private channelOf(request: ComplaintRequest, caller: IntakeCaller): IntakeChannel {
    if (caller.kind === 'staff') return request.channel ?? 'hotline';
    return caller.key === undefined ? 'web' : 'qr';
  }

  /** A hotline ticket comes only with a hotline entry by staff; anywhere else it is a mistake. */
  private hotlineTicketOf(request: ComplaintRequest, caller: IntakeCaller): string | undefined {
    if (request.hotlineTicket === undefined) return undefined;
    if (caller.kind !== 'staff' || this.channelOf(request, caller) !== 'hotline')
      throw invalid({ hotlineTicket: 'field.ticket.onlyHotline' });
    return request.hotlineTicket;
  }
}

/** A landline cannot receive the text messages the customer asked for: say so on the field they chose. */
function checkReachable(request: ComplaintRequest) {
  if (!isMainlandLandline(request.contact.phone)) return;
  const fields = {
    ...(request.preferredChannel === 'sms' ? { preferredChannel: 'field.phone.noSms' as const } : {}),
    ...(request.notices ? { notices: 'field.phone.noSms' as const } : {}),
  };
  if (Object.keys(fields).length > 0) throw invalid(fields);
}

/** What a customer notice needs besides the complaint: names, the time zone, the pages' address. */
export function noticeContext(deps: Dependencies, complaint: Complaint): NoticeContext {
  return {
    departmentName: (lang) => departmentName(complaint.handlingDepartmentId, lang),
    timeZone: deps.config.TIME_ZONE,
    publicBaseUrl: deps.config.PUBLIC_BASE_URL,
  };
}

export function departmentName(id: string, lang: string): string {
  const department = departments.find((d) => d.id === id);
  if (!department) return id;
  return department.name[lang as Language] ?? department.name['zh-CN'];
}

/** The receipt a retry is answered with; a submissionId used for something else is a conflict. */
function replayed(stored: StoredSubmission, requestFingerprint: string): IntakeReceipt {
  if (stored.type !== 'complaint' || stored.fingerprint !== requestFingerprint)
    throw conflict('conflict.submissionReused');
  return stored.receipt as IntakeReceipt;
}
