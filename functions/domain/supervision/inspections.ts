import { datesBetween } from '../statistics/periods.js';
import type { Answer, InspectionScore } from './scoring.js';

/**
 * The four-part supervision (四位一体): the outlet checks itself (the lobby manager walks the hall
 * three times a day), the supervision centre makes unannounced spot checks, the region inspects
 * every outlet each month (分行联合检查), head office sends mystery shoppers to every outlet twice a
 * year (总行神秘人). Each is an inspection on the scored checklist.
 */
export const INSPECTION_KINDS = ['self-check', 'spot-check', 'joint-check', 'mystery-visit'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** The lobby manager's three rounds of a day. */
export const SELF_CHECK_ROUNDS = ['opening', 'midday', 'closing'] as const;
export type SelfCheckRound = (typeof SELF_CHECK_ROUNDS)[number];

/** How often each kind is owed: configuration, with the bank's documents as the default. */
export interface Cadence {
  /** Self-check rounds owed per day the outlet is open. */
  selfCheckRoundsPerDay: number;
  /** Joint checks owed per outlet per month. */
  jointChecksPerMonth: number;
  /** Mystery visits owed per outlet per half-year. */
  mysteryVisitsPerHalfYear: number;
}

export const DEFAULT_CADENCE: Cadence = {
  selfCheckRoundsPerDay: 3,
  jointChecksPerMonth: 1,
  mysteryVisitsPerHalfYear: 1,
};

export interface Inspection {
  /** Made by the client once (the capture page works offline): a retry is the same inspection. */
  id: string;
  kind: InspectionKind;
  outletId: string;
  regionId: string;
  checklistId: string;
  checklistVersion: number;
  /** The bank day the inspection was made on, and the self-check round it was. */
  date: string;
  round?: SelfCheckRound | undefined;
  startedAt: string;
  submittedAt: string;
  /** Who inspected: a username, or for a mystery visit the shopper's pseudonym only. */
  inspector: { username?: string | undefined; displayName: string; role: string };
  answers: Answer[];
  result: InspectionScore;
  /** A mystery visit is blind until head office releases it. */
  released: boolean;
  releasedAt?: string | undefined;
  /** What the submission said, to tell a retry from a different inspection under the same id. */
  fingerprint: string;
}

/**
 * Who may see an inspection. A mystery visit before its release is head office's alone (and the
 * shopper's, who holds its link): the outlet, its region and the supervision centre get nothing,
 * not even that it exists. Everything else follows the inspection's reach: head office and the
 * supervision centre everything, a region's team its region, an outlet's manager and lobby staff
 * their outlet.
 */
export function visibleTo(
  inspection: Pick<Inspection, 'kind' | 'released' | 'outletId' | 'regionId'>,
  viewer: SupervisionViewer,
): boolean {
  if (viewer.headOffice) return true;
  if (inspection.kind === 'mystery-visit' && !inspection.released) return false;
  if (viewer.supervisionCentre) return true;
  if (viewer.regions.includes(inspection.regionId)) return true;
  return viewer.outlets.includes(inspection.outletId);
}

export interface SupervisionViewer {
  headOffice: boolean;
  /** The supervision centre (`inspector`): every outlet's checks. */
  supervisionCentre: boolean;
  /** Regions whose inspection team the viewer is on (`inspector:<region>`). */
  regions: readonly string[];
  /** Outlets the viewer manages or staffs (`outlet:<id>`, `lobby:<id>`). */
  outlets: readonly string[];
}

/**
 * Self-check completion over days: rounds done ÷ rounds owed. A round counts once however often
 * it was submitted (a second opening round is not a midday one), and a day counts only if the
 * outlet was open (the caller gives the open days).
 */
export function selfCheckCompletion(
  done: readonly Pick<Inspection, 'kind' | 'date' | 'round'>[],
  openDays: readonly string[],
  cadence: Cadence,
): { done: number; owed: number; rate: number | null } {
  const open = new Set(openDays);
  const rounds = new Set(
    done
      .filter((i) => i.kind === 'self-check' && i.round && open.has(i.date))
      .map((i) => `${i.date}#${i.round}`),
  );
  const owed = open.size * cadence.selfCheckRoundsPerDay;
  const count = Math.min(rounds.size, owed);
  return { done: count, owed, rate: owed === 0 ? null : count / owed };
}

/** The days of `first` to `last` inclusive on which an outlet open on `weekdays` (1 Monday … 7 Sunday) is open. */
export function openDays(first: string, last: string, weekdays: readonly number[]): string[] {
  return datesBetween(first, last).filter((d) =>
    weekdays.includes(((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1),
  );
}
