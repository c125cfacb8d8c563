import { departmentsOf, isHeadOffice, type Principal } from '../auth/principal.js';
import { departmentIds } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import type { Complaint } from '../domain/complaint.js';
import { forbidden, invalid } from '../domain/errors.js';
import type { Language } from '../domain/language.js';
import { byDueDate, type InboxView, inboxViews, inInboxView } from '../domain/lifecycle/inbox-views.js';
import { departmentName } from './complaint-intake.js';
import type { ComplaintNames, Namer } from './complaint-names.js';

export interface InboxQuery {
  view: InboxView;
  department?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * A department's inbox: its complaints in one of the views, by due date, a page at a time, with
 * the count of every view for the tabs. Two queries in parallel (the complaints it works, the
 * complaints it owns); a department has at most some hundreds open, so the views are cut in memory.
 */
export class Inbox {
  constructor(
    private readonly deps: Dependencies,
    private readonly names: ComplaintNames,
  ) {}

  async list(principal: Principal, query: InboxQuery, lang: Language) {
    const department = this.departmentFor(principal, query.department);
    const { complaints } = this.deps.repositories;
    const [handled, owned] = await Promise.all([
      complaints.handledBy(department),
      complaints.ownedBy(department),
    ]);
    const all = new Map<string, Complaint>();
    for (const c of [...handled, ...owned]) all.set(c.trackingNo, c);
    const now = this.deps.now();
    const inView = (view: InboxView) =>
      [...all.values()].filter((c) => inInboxView(view, c, department, principal.username, now));
    const items = inView(query.view).sort(byDueDate);
    const offset = decodeCursor(query.cursor);
    const page = items.slice(offset, offset + query.limit);
    const next = offset + query.limit;
    const namer = await this.names.namer(
      page.map((c) => c.outletId),
      lang,
    );
    return {
      view: query.view,
      department: { id: department, name: departmentName(department, lang) },
      counts: Object.fromEntries(inboxViews.map((v) => [v, inView(v).length])) as Record<InboxView, number>,
      items: page.map((c) => summary(c, lang, namer)),
      nextCursor: next < items.length ? encodeCursor(next) : undefined,
    };
  }

  /** Staff see their own department (they name it when they have several); head office any. */
  private departmentFor(principal: Principal, requested: string | undefined): string {
    const mine = departmentsOf(principal);
    if (requested !== undefined) {
      if (!departmentIds.includes(requested)) throw invalid({ department: 'field.department.unknown' });
      if (mine.includes(requested) || isHeadOffice(principal)) return requested;
      throw forbidden('forbidden.ownInbox');
    }
    const first = mine[0];
    if (first) return first;
    if (isHeadOffice(principal)) throw invalid({ department: 'field.department.needed' });
    throw forbidden('forbidden.noInbox');
  }
}

function summary(c: Complaint, lang: Language, names: Namer) {
  return { ...complaintInList(c, lang, names), owner: c.owner, version: c.version };
}

/** What every list of complaints shows of one, named in `lang`; never the customer's contact. */
export function complaintInList(c: Complaint, lang: Language, names: Namer) {
  return {
    trackingNo: c.trackingNo,
    status: c.status,
    category: c.category,
    categoryName: names.category(c.category),
    outletId: c.outletId,
    outletName: names.outlet(c.outletId),
    severity: c.severity,
    flags: c.flags,
    excerpt: c.description.length > 80 ? `${c.description.slice(0, 80)}…` : c.description,
    department: { id: c.handlingDepartmentId, name: departmentName(c.handlingDepartmentId, lang) },
    receivedAt: c.receivedAt,
    dueAt: c.dueAt,
  };
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { offset: unknown };
    if (Number.isInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // fall through to the 400 below
  }
  throw invalid({ cursor: 'field.cursor' });
}
