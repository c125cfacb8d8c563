/**
 * Head office's mystery visits (总行神秘人): each outlet twice a year. Head office plans a visit
 * (outlet, deadline) and hands the shopper a link; the link is the shopper's only key, valid for
 * one visit until it is submitted or its deadline passes. The shopper appears in every report
 * under a pseudonym only. The visit stays blind (see inspections.ts `visibleTo`) until head office
 * releases it.
 */
export type MysteryVisitStatus = 'planned' | 'submitted' | 'released';

export interface MysteryVisit {
  id: string;
  outletId: string;
  regionId: string;
  /** `2026-H2`: the half-year the visit counts for. */
  halfYear: string;
  /** How reports name the shopper: never a real name. */
  pseudonym: string;
  /** The link stops working at this instant. */
  deadline: string;
  status: MysteryVisitStatus;
  inspectionId?: string | undefined;
  plannedBy: string;
  plannedAt: string;
  releasedAt?: string | undefined;
  releasedBy?: string | undefined;
}

/** The half-year a bank day belongs to: `2026-H1` (January to June) or `2026-H2`. */
export const halfYearOf = (date: string) => `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;

/** Whether the link still opens the visit's checklist: planned, and before its deadline. */
export const linkOpen = (visit: Pick<MysteryVisit, 'status' | 'deadline'>, now: Date) =>
  visit.status === 'planned' && now.getTime() <= Date.parse(visit.deadline);
