import type { Severity } from './routing.js';

/**
 * How staff received a complaint they enter: by phone (the hotline), at the counter, by letter,
 * by e-mail, or from a customer's visit to an office. Whoever enters it is its first receiver.
 */
export const STAFF_CHANNELS = ['hotline', 'counter', 'letter', 'email', 'visit'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];
/** Where a complaint came in: the customer's own phone (QR code or the web form), or staff. */
export type IntakeChannel = 'qr' | 'web' | StaffChannel;

export type ComplaintStatus = 'assigned' | 'accepted' | 'resolved' | 'closed' | 'reopened';

export interface ComplaintFlags {
  overdue: boolean;
  escalated: boolean;
  extended: boolean;
}

export interface StaffRef {
  username: string;
  displayName: string;
  departmentId: string;
}

export interface Resolution {
  decision: string;
  rootCause: string;
  correctiveAction: string;
  resolvedAt: string;
  resolvedBy: StaffRef;
  /** The due date in force when it was resolved: on time if resolvedAt is not after it. */
  dueAt?: string | undefined;
}

/** A complaint as stored (personal data sealed) and as the domain reasons about it. */
export interface Complaint {
  trackingNo: string;
  outletId: string;
  regionId: string;
  category: string;
  description: string;
  contact: {
    /** AES-GCM sealed `{"name","phone"}`; see PersonalDataCipher. */
    sealed: string;
    nameMasked: string;
    phoneMasked: string;
    phoneHash: string;
  };
  preferredChannel: 'call' | 'sms';
  /** The customer agreed to be told of each step by text message (customer-notices.ts). */
  notices?: boolean | undefined;
  incidentDate?: string | undefined;
  staffInvolved?: string | undefined;
  channel: IntakeChannel;
  lang: string;
  status: ComplaintStatus;
  severity: Severity;
  flags: ComplaintFlags;
  routing: { departmentId: string; reasons: string[]; recurring: boolean };
  /** The department doing the work now (changes on transfer). */
  handlingDepartmentId: string;
  /**
   * The first-contact owner (首问负责人), kept until closure whichever department handles it: the
   * staff member who entered the complaint, or (for a customer's own) the first to accept it.
   */
  owner?: StaffRef | undefined;
  timeLimitDays: number;
  receivedAt: string;
  dueAt: string;
  /** A department's request for the 60-day limit, waiting for head office. */
  extensionRequest?: { days: number; reason: string; requestedBy: StaffRef; requestedAt: string } | undefined;
  /**
   * A member of the handling department named in the complaint handed it to head office to assign
   * elsewhere (回避): the platform has no roster of a department's members, so when everyone who
   * could act is named, the named ones say so and head office transfers it. Cleared by the transfer.
   */
  referral?: { by: StaffRef; at: string } | undefined;
  /** The due dates the sweeper already reminded about and reported breached: once each. */
  timeLimitAlerts?: { remindedFor?: string | undefined; breachedFor?: string | undefined } | undefined;
  resolution?: Resolution | undefined;
  /**
   * The follow-up contact (回访) the owner makes after the resolution, due within a few days of it;
   * done when `doneAt` is set. A review (reopening) cancels it; the next resolution schedules anew.
   */
  followUp?:
    | {
        dueAt: string;
        remindedAt?: string | undefined;
        doneAt?: string | undefined;
        by?: StaffRef | undefined;
        reached?: boolean | undefined;
        summary?: string | undefined;
      }
    | undefined;
  satisfaction?:
    | {
        satisfied: boolean;
        /** What the customer chose (customer-rating.ts); absent on verdicts from before there were three. */
        verdict?: 'satisfied' | 'review' | 'close-unsatisfied' | undefined;
        comment?: string | undefined;
        at: string;
      }
    | undefined;
  closedAt?: string | undefined;
  /** When it was last reopened (for review, or on the customer's verdict). */
  reopenedAt?: string | undefined;
  enteredBy?: StaffRef | undefined;
  /** The hotline's own ticket number (e.g. a 95xxx call transferred to the complaint desk). */
  hotlineTicket?: string | undefined;
  version: number;
}

/**
 * The first two events of every complaint's trail, numbered 0 and 1 (each later step is numbered
 * by the complaint's new version): how and by whom it was received, then where it was routed,
 * by when and why. Built from the complaint as intake writes it.
 */
export function intakeEvents(c: Complaint): [ComplaintEvent, ComplaintEvent] {
  return [
    {
      trackingNo: c.trackingNo,
      at: c.receivedAt,
      seq: 0,
      action: 'received',
      actor: c.enteredBy
        ? { kind: 'staff', username: c.enteredBy.username, displayName: c.enteredBy.displayName }
        : { kind: 'customer' },
      public: true,
      detail: {
        channel: c.channel,
        category: c.category,
        outletId: c.outletId,
        ...(c.hotlineTicket ? { hotlineTicket: c.hotlineTicket } : {}),
        ...(c.enteredBy ? { firstReceiver: c.enteredBy.username } : {}),
      },
    },
    {
      trackingNo: c.trackingNo,
      at: c.receivedAt,
      seq: 1,
      action: 'assigned',
      actor: { kind: 'system' },
      public: true,
      detail: {
        departmentId: c.routing.departmentId,
        dueAt: c.dueAt,
        severity: c.severity,
        reasons: c.routing.reasons,
      },
      after: { status: 'assigned', handlingDepartmentId: c.routing.departmentId, dueAt: c.dueAt },
    },
  ];
}

/** An entry of a complaint's audit trail: append-only, never changed. */
export interface ComplaintEvent {
  trackingNo: string;
  at: string;
  /** Orders events of the same millisecond. */
  seq: number;
  /** What happened: received, assigned, accepted, transferred, noted, … */
  action: string;
  actor: { kind: 'customer' | 'staff' | 'system'; username?: string; displayName?: string; role?: string };
  /** Shown on the customer's tracking page. */
  public: boolean;
  detail: Record<string, unknown>;
  before?: Record<string, unknown> | undefined;
  after?: Record<string, unknown> | undefined;
}
