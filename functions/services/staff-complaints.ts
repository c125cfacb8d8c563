import { PersonalDataCipher } from '../adapters/crypto/personal-data-cipher.js';
import type { StoredEvent } from '../adapters/dynamodb/complaint-repository.js';
import { hasHanCharacters, loadToSimplified } from '../adapters/text/simplified-chinese.js';
import { departmentsOf, formatRole, isHeadOffice, outletsOf, type Principal } from '../auth/principal.js';
import { departmentIds } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import type { Complaint } from '../domain/complaint.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import type { Language } from '../domain/language.js';
import type { Actor, StaffAction } from '../domain/lifecycle/actions.js';
import { allowedActions, applyAction, type LifecycleContext } from '../domain/lifecycle/transitions.js';
import { message } from '../domain/messages.js';
import { normalizeTrackingNumber } from '../domain/tracking-number.js';
import { departmentName } from './complaint-intake.js';
import type { ComplaintNames } from './complaint-names.js';
import { recordStep } from './complaint-steps.js';

/**
 * The staff side of a complaint: read it with its internal timeline, and act on it. Who may see
 * it: the department working it, the owner's department, head office, and the outlet's manager
 * (read-only). Anyone else gets the same 404 as for a number that does not exist, so staff cannot
 * probe other departments' tracking numbers.
 */
export class StaffComplaints {
  constructor(
    private readonly deps: Dependencies,
    private readonly names: ComplaintNames,
  ) {}

  async get(trackingNoInput: string, principal: Principal, lang: Language) {
    const { complaint, events } = await this.load(trackingNoInput);
    const actor = actorFor(principal, complaint);
    if (!actor && !outletsOf(principal).includes(complaint.outletId))
      throw notFound('notFound.complaintOutOfReach');
    return await this.view(complaint, events, actor, lang);
  }

  async act(
    trackingNoInput: string,
    action: StaffAction,
    expectedVersion: number,
    principal: Principal,
    lang: Language,
  ) {
    const { complaint, events } = await this.load(trackingNoInput);
    const actor = actorFor(principal, complaint);
    if (!actor) {
      if (outletsOf(principal).includes(complaint.outletId))
        throw forbidden('forbidden.outletManagerReadOnly');
      throw notFound('notFound.complaintOutOfReach');
    }
    if (complaint.version !== expectedVersion) throw stale(complaint.version);
    const outcome = applyAction(complaint, action, actor, await this.context(complaint));
    if (!outcome.ok) {
      switch (outcome.error) {
        case 'forbidden':
          throw forbidden(outcome.message);
        case 'conflict':
          throw conflict(outcome.message, { status: complaint.status, allowed: outcome.allowed });
        case 'validation':
          throw invalid(outcome.fields, outcome.message);
      }
    }
    const event = await recordStep(this.deps, complaint, outcome);
    if (!event) throw stale(complaint.version);
    this.deps.metrics.count('ComplaintAction');
    const view = await this.view(
      outcome.complaint,
      [...events, event],
      actorFor(principal, outcome.complaint),
      lang,
    );
    if (action.type !== 'reveal-phone') return view;
    const keys = await this.deps.secrets.personalDataKeys();
    const contact = JSON.parse(
      new PersonalDataCipher(keys).open(complaint.contact.sealed, complaint.trackingNo),
    ) as {
      name: string;
      phone: string;
    };
    return { ...view, revealed: contact };
  }

  private async load(trackingNoInput: string) {
    const trackingNo = normalizeTrackingNumber(trackingNoInput);
    const found = trackingNo
      ? await this.deps.repositories.complaints.getWithTimeline(trackingNo)
      : undefined;
    if (!found) throw notFound('notFound.complaintOutOfReach');
    return found;
  }

  /** The lifecycle's context; the script converter only when the complaint names staff in Chinese. */
  private async context(complaint: Complaint): Promise<LifecycleContext> {
    const named = complaint.staffInvolved;
    return {
      now: this.deps.now(),
      timeZone: this.deps.config.TIME_ZONE,
      rootCauses: this.deps.config.ROOT_CAUSES,
      departmentIds,
      ...(named && hasHanCharacters(named) ? { toSimplified: await loadToSimplified() } : {}),
    };
  }

  private async view(complaint: Complaint, events: StoredEvent[], actor: Actor | undefined, lang: Language) {
    const { contact, ...record } = complaint;
    const names = await this.names.namer([complaint.outletId], lang);
    return {
      ...record,
      outletName: names.outlet(complaint.outletId),
      categoryName: names.category(complaint.category),
      ...(complaint.resolution
        ? {
            resolution: {
              ...complaint.resolution,
              rootCauseName: names.rootCause(complaint.resolution.rootCause),
            },
          }
        : {}),
      contact: { name: contact.nameMasked, phone: contact.phoneMasked },
      department: {
        id: complaint.handlingDepartmentId,
        name: departmentName(complaint.handlingDepartmentId, lang),
      },
      standing: actor?.standing ?? 'outlet-manager',
      allowedActions: actor ? allowedActions(complaint, actor, await this.context(complaint)) : [],
      timeline: events.map(({ notifications: _, trackingNo: __, ...event }) => event),
    };
  }
}

function stale(version: number) {
  return conflict(message('conflict.stale', { version }), { version });
}

/**
 * How a principal stands to a complaint, strongest first: staff of the department working it,
 * staff of the owner's department, head office. Undefined when none applies.
 */
export function actorFor(principal: Principal, complaint: Complaint): Actor | undefined {
  const mine = departmentsOf(principal);
  const base = { username: principal.username, displayName: principal.displayName };
  if (mine.includes(complaint.handlingDepartmentId)) {
    const departmentId = complaint.handlingDepartmentId;
    return { ...base, standing: 'handler', departmentId, role: `dept:${departmentId}` };
  }
  const ownerDepartment = complaint.owner?.departmentId;
  if (ownerDepartment && mine.includes(ownerDepartment)) {
    return {
      ...base,
      standing: 'owner-department',
      departmentId: ownerDepartment,
      role: `dept:${ownerDepartment}`,
    };
  }
  if (isHeadOffice(principal)) {
    const role = principal.roles.find((r) => r.kind === 'head-office');
    return { ...base, standing: 'head-office', role: role ? formatRole(role) : 'head-office' };
  }
  return undefined;
}
