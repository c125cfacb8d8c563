import { isHeadOffice, outletsOf, type Principal } from '../auth/principal.js';
import { departmentIds } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import type { Complaint } from '../domain/complaint.js';
import { forbidden } from '../domain/errors.js';
import type { Language } from '../domain/language.js';
import { byDueDate } from '../domain/lifecycle/inbox-views.js';
import {
  inOutletState,
  inOversightView,
  type OutletComplaintState,
  type OversightView,
  oversightViews,
} from '../domain/lifecycle/oversight-views.js';
import type { ComplaintNames, Namer } from './complaint-names.js';
import { complaintInList } from './inbox.js';

/** How far back an outlet's list reaches: the complaints of the last half year. */
const OUTLET_LIST_DAYS = 180;
const DAY_MS = 86_400_000;

/**
 * The views above a single department's inbox: head office's bank-wide lists, and an outlet
 * manager's read-only list of the outlet's complaints. Neither carries the customer's contact.
 */
export class Oversight {
  constructor(
    private readonly deps: Dependencies,
    private readonly names: ComplaintNames,
  ) {}

  /** Every department's open complaints, read in parallel (some hundreds each), cut in memory. */
  async bankWide(principal: Principal, view: OversightView, lang: Language) {
    if (!isHeadOffice(principal)) throw forbidden('forbidden.oversight');
    const { complaints } = this.deps.repositories;
    const all = (await Promise.all(departmentIds.map((d) => complaints.handledBy(d)))).flat();
    const open = [...new Map(all.map((c) => [c.trackingNo, c])).values()];
    const now = this.deps.now();
    const inView = (v: OversightView) => open.filter((c) => inOversightView(v, c, now));
    const items = inView(view).sort(byDueDate);
    const namer = await this.names.namer(
      items.map((c) => c.outletId),
      lang,
    );
    return {
      view,
      counts: Object.fromEntries(oversightViews.map((v) => [v, inView(v).length])) as Record<
        OversightView,
        number
      >,
      items: items.map((c) => listed(c, lang, namer, now)),
    };
  }

  /** An outlet's complaints of the last half year, newest first: its manager's, or head office's. */
  async ofOutlet(principal: Principal, outletId: string, state: OutletComplaintState, lang: Language) {
    if (!outletsOf(principal).includes(outletId) && !isHeadOffice(principal))
      throw forbidden('forbidden.outletOnly');
    const now = this.deps.now();
    const from = new Date(now.getTime() - OUTLET_LIST_DAYS * DAY_MS).toISOString();
    const received = await this.deps.repositories.complaints.receivedBetween(
      outletId,
      from,
      now.toISOString(),
    );
    const items = received
      .filter((c) => inOutletState(state, c))
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    const namer = await this.names.namer([outletId], lang);
    return {
      outlet: { id: outletId, name: namer.outlet(outletId) },
      state,
      counts: {
        open: received.filter((c) => inOutletState('open', c)).length,
        closed: received.filter((c) => inOutletState('closed', c)).length,
      },
      items: items.map((c) => listed(c, lang, namer, now)),
    };
  }
}

/** A complaint in a list: what it is, where it stands, how much time is left; no contact details. */
function listed(c: Complaint, lang: Language, names: Namer, now: Date) {
  return {
    ...complaintInList(c, lang, names),
    owner: c.owner ? { displayName: c.owner.displayName, departmentId: c.owner.departmentId } : undefined,
    /** Negative once the time limit has passed; none once it is decided. */
    hoursLeft:
      c.status === 'resolved' || c.status === 'closed'
        ? undefined
        : Math.floor((Date.parse(c.dueAt) - now.getTime()) / 3_600_000),
    extensionRequest: c.extensionRequest
      ? { days: c.extensionRequest.days, reason: c.extensionRequest.reason }
      : undefined,
  };
}
