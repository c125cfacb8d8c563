import { localDate } from '../../domain/calendar.js';
import type { Outlet } from '../../domain/outlet.js';
import { allItems, type Checklist, type ChecklistItem } from '../../domain/supervision/checklist.js';
import type { Inspection, InspectionKind, SelfCheckRound } from '../../domain/supervision/inspections.js';
import { SELF_CHECK_ROUNDS } from '../../domain/supervision/inspections.js';
import { halfYearOf, type MysteryVisit } from '../../domain/supervision/mystery.js';
import {
  actOnRectification,
  nextAlertAt,
  type Rectification,
  type RectificationDeadlines,
  rectificationAlert,
  rectificationDue,
  repeatedItems,
} from '../../domain/supervision/rectification.js';
import { type Answer, scoreInspection } from '../../domain/supervision/scoring.js';
import {
  acceptedTaskCounts,
  inspectionCounts,
  roundOf,
  type SupervisionTally,
  sumTallies,
  TASK_DUE,
  type TallyChange,
  type TallyCounts,
  tallyChanges,
  tallyMonth,
} from '../../domain/supervision/tally.js';
import type { BankClock } from './bank-clock.js';
import type { OutletProfile } from './profiles.js';
import type { Random } from './random.js';

/**
 * The demo's service supervision: what a bank's four kinds of checks would have left behind over
 * the history's days, so the supervision pages have something true to show on the first start.
 * Every outlet checks itself three times a day it opens (a lagging one misses rounds and finds
 * more), the supervision centre drops in every three weeks or so, the region's team comes once a
 * month, and one mystery visit to the weakest outlet was released by head office. Findings of
 * spot, joint and released mystery checks become tasks, answered on time or late, accepted, and a
 * few still open past their due date. Scores, due dates, repeats and alerts come from the domain's
 * own rules, as the API would have made them.
 */
export interface SupervisionWorld {
  checklist: Checklist;
  clock: BankClock;
  timeZone: string;
  now: number;
  deadlines: RectificationDeadlines;
  /** Whether the outlet lags (the demo's weak outlets do worse in their checks too). */
  lagging: (outletId: string) => boolean;
  /** The outlet head office sent its mystery shopper to (the weakest), if any. */
  mysteryVisitTo?: string | undefined;
}

export interface OutletSupervision {
  inspections: Inspection[];
  tasks: Rectification[];
  visits: { visit: MysteryVisit; tokenHash: string }[];
}

/** A bank staff member the history names as the inspector of each kind (the seeded users). */
const inspectors: Record<
  Exclude<InspectionKind, 'mystery-visit'>,
  (outlet: Outlet) => Inspection['inspector']
> = {
  'self-check': (o) => ({
    username: `lobby.${o.id}`,
    displayName: `大堂经理（${o.name['zh-CN']}）`,
    role: 'self-check',
  }),
  'spot-check': () => ({ username: 'inspector.1', displayName: '服务督导中心 督导员', role: 'spot-check' }),
  'joint-check': (o) => ({
    username: `inspector.${o.regionId}`,
    displayName: '分行联合检查组',
    role: 'joint-check',
  }),
};

/** Minutes after local midnight each self-check round is walked, relative to opening and closing. */
const roundMinute: Record<SelfCheckRound, (open: number, close: number) => number> = {
  opening: (open) => open + 10,
  midday: () => 12 * 60 + 5,
  closing: (_, close) => close - 20,
};

export function outletSupervision(
  world: SupervisionWorld,
  outlet: Outlet,
  profile: OutletProfile,
  dates: readonly string[],
  random: Random,
): OutletSupervision {
  const lagging = world.lagging(outlet.id);
  const items = allItems(world.checklist);
  const inspections: Inspection[] = [];
  const tasks: Rectification[] = [];
  const visits: OutletSupervision['visits'] = [];
  /** The outlet's last spot, joint or released mystery check: the one a repeat is judged against. */
  let previous: Inspection | undefined;

  const inspect = (kind: InspectionKind, date: string, minute: number, round?: SelfCheckRound) => {
    const submitted = world.clock.at(date, minute + random.int(0, 8));
    if (submitted >= world.now) return undefined;
    const drawn = items.map((item) => answer(item, random, lagging));
    const id = random.uuid();
    // A finding's photo under the key the upload would have given it (one stored picture each).
    const answers = drawn.map((a) => ('photo' in a && a.photo ? { ...a, photo: demoFindingPhoto(id) } : a));
    const inspection: Inspection = {
      id,
      kind,
      outletId: outlet.id,
      regionId: outlet.regionId,
      checklistId: world.checklist.id,
      checklistVersion: world.checklist.version,
      date,
      ...(round ? { round } : {}),
      startedAt: new Date(submitted - random.int(8, 25) * 60_000).toISOString(),
      submittedAt: new Date(submitted).toISOString(),
      inspector:
        kind === 'mystery-visit'
          ? { displayName: '神秘人 A7Q2', role: 'mystery-shopper' }
          : inspectors[kind](outlet),
      answers,
      result: scoreInspection(world.checklist, answers),
      released: kind !== 'mystery-visit',
      fingerprint: `demo:${kind}:${date}:${round ?? minute}`,
    };
    inspections.push(inspection);
    return inspection;
  };

  /** A check whose findings the outlet must put right: its tasks, and what became of each. */
  const findingsOf = (inspection: Inspection, found: number) => {
    const failed = inspection.result.items.filter((i) => i.failed);
    const repeated = repeatedItems(
      failed.map((i) => i.itemId),
      previous?.result.items.filter((i) => i.failed).map((i) => i.itemId) ?? [],
    );
    previous = inspection;
    for (const item of failed) {
      const task: Rectification = {
        id: `${inspection.id}.${item.itemId}`,
        inspectionId: inspection.id,
        outletId: inspection.outletId,
        regionId: inspection.regionId,
        itemId: item.itemId,
        redLine: item.redLine,
        repeated: repeated.has(item.itemId),
        foundAt: new Date(found).toISOString(),
        month: inspection.date.slice(0, 7),
        dueAt: rectificationDue(new Date(found), item.redLine, world.deadlines, world.timeZone).toISOString(),
        status: 'open',
        version: 1,
      };
      tasks.push(settle(task, world, random, lagging, reviewerOf(inspection)));
    }
  };

  for (const date of dates) {
    const hours = profile.hours[world.clock.weekday(date)];
    if (!hours) continue;
    for (const round of SELF_CHECK_ROUNDS) {
      // A lagging outlet's lobby manager misses a round in four; the others hardly ever.
      if (random.chance(lagging ? 0.25 : 0.03)) continue;
      inspect('self-check', date, roundMinute[round](hours.open, hours.close), round);
    }
    if (random.chance(1 / 15)) {
      const spot = inspect('spot-check', date, random.int(hours.open + 30, hours.close - 60));
      if (spot) findingsOf(spot, Date.parse(spot.submittedAt));
    }
  }

  // The region's monthly joint check, on a working day of each month the history covers (the
  // current month's only if its day has come).
  const openDates = dates.filter((d) => profile.hours[world.clock.weekday(d)]);
  for (const month of [...new Set(openDates.map((d) => d.slice(0, 7)))]) {
    const inMonth = openDates.filter((d) => d.startsWith(month));
    const date = inMonth[Math.min(inMonth.length - 1, 9 + random.int(0, 8))] as string;
    const hours = profile.hours[world.clock.weekday(date)] as { open: number; close: number };
    const joint = inspect('joint-check', date, random.int(hours.open + 60, hours.close - 90));
    if (joint) findingsOf(joint, Date.parse(joint.submittedAt));
  }

  // One mystery visit, to the weakest outlet, some six weeks back, released a fortnight later.
  if (outlet.id === world.mysteryVisitTo && openDates.length > 45) {
    const date = openDates[openDates.length - 42] as string;
    const hours = profile.hours[world.clock.weekday(date)] as { open: number; close: number };
    const visitInspection = inspect('mystery-visit', date, hours.open + 95);
    if (visitInspection) {
      const released = Date.parse(visitInspection.submittedAt) + 14 * 86_400_000;
      visitInspection.released = true;
      visitInspection.releasedAt = new Date(released).toISOString();
      const planned = Date.parse(visitInspection.submittedAt) - 10 * 86_400_000;
      visits.push({
        // Only the hash of a link is ever stored; this one was never handed out.
        tokenHash: `demo-${visitInspection.id}`,
        visit: {
          id: random.uuid(),
          outletId: outlet.id,
          regionId: outlet.regionId,
          halfYear: halfYearOf(date),
          pseudonym: visitInspection.inspector.displayName,
          deadline: new Date(planned + 30 * 86_400_000).toISOString(),
          status: 'released',
          inspectionId: visitInspection.id,
          plannedBy: 'headoffice.1',
          plannedAt: new Date(planned).toISOString(),
          releasedAt: visitInspection.releasedAt,
          releasedBy: 'headoffice.1',
        },
      });
      findingsOf(visitInspection, released);
    }
  }
  inspections.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return { inspections, tasks, visits };
}

/** An answer to one item: passed most of the time; a lagging outlet fails more, red lines rarely. */
function answer(item: ChecklistItem, random: Random, lagging: boolean): Answer {
  const failRate = item.redLine ? (lagging ? 0.02 : 0.002) : lagging ? 0.1 : 0.025;
  const fails = random.chance(failRate);
  const photo = fails && item.photoOnFail ? { photo: DEMO_FINDING_PHOTO } : {};
  switch (item.kind.type) {
    case 'yes-no':
      return { itemId: item.id, passed: !fails, ...photo };
    case 'score':
      return { itemId: item.id, mark: fails ? random.int(0, item.kind.max - 1) : item.kind.max, ...photo };
    case 'number': {
      const { passAtMost, passAtLeast } = item.kind;
      const limit = passAtMost ?? passAtLeast ?? 0;
      const within = passAtMost !== undefined ? random.int(0, limit) : limit + random.int(0, 5);
      const outside =
        passAtMost !== undefined ? limit + random.int(1, 15) : Math.max(0, limit - random.int(1, 5));
      return { itemId: item.id, value: fails ? outside : within, ...photo };
    }
  }
}

/**
 * Stands for a photo in a drawn answer; the inspection's own key replaces it (`demoFindingPhoto`).
 * The demo's photos have keys of the shape an upload gives (`photos/inspections/<id>/…`,
 * `photos/rectifications/<task id>/…`), so the photos endpoint reads them with the same checks
 * of who may see them as any other; the seeding stores one small picture under each
 * (`demoPhotoKeys`, `functions/local/demo-photo.ts`).
 */
const DEMO_FINDING_PHOTO = 'photos/demo/finding.jpg';
export const demoFindingPhoto = (inspectionId: string) => `photos/inspections/${inspectionId}/finding.jpg`;
export const demoAnswerPhoto = (taskId: string, answer: 1 | 2) =>
  `photos/rectifications/${taskId}/answer-${answer}.jpg`;

/**
 * The photo keys a page shows, each once: the findings of the checks that opened tasks (spot,
 * joint and released mystery checks), which the rectification page shows with each task, and the
 * tasks' answers. A self-check's findings name a key too, as the capture page requires, but no
 * page shows them: the seeding does not store the thousand-odd copies they would take (some
 * 20 ms each on a loaded machine, on every first start).
 */
export function demoPhotoKeys(inspections: readonly Inspection[], tasks: readonly Rectification[]): string[] {
  const keys = new Set<string>();
  for (const inspection of inspections)
    if (inspection.kind !== 'self-check')
      for (const a of inspection.answers) if ('photo' in a && a.photo) keys.add(a.photo);
  for (const task of tasks) if (task.answer?.photo) keys.add(task.answer.photo);
  return [...keys];
}

const reviewerOf = (inspection: Inspection) =>
  inspection.kind === 'joint-check' ? `inspector.${inspection.regionId}` : 'inspector.1';

/**
 * What became of a task by now: answered within its time (a lagging outlet less often), late, or
 * not at all; accepted a day or two after an answer, now and then sent back once first. Each step
 * goes through the domain's own lifecycle, and the sweeper's reminder and breach report are
 * marked as sent where the time for them has passed, so a first start does not send them all.
 */
function settle(
  task: Rectification,
  world: SupervisionWorld,
  random: Random,
  lagging: boolean,
  reviewer: string,
): Rectification {
  const found = Date.parse(task.foundAt);
  const due = Date.parse(task.dueAt);
  const span = due - found;
  const manager = { role: 'manager' as const, username: `manager.${task.outletId}` };
  const review = { role: 'reviewer' as const, username: reviewer };
  const roll = random.next();
  const onTime = lagging ? 0.55 : 0.85;
  const answeredAt =
    roll < onTime
      ? found + span * random.between(0.2, 0.9)
      : roll < onTime + 0.1
        ? due + random.between(1, 6) * 86_400_000
        : undefined;

  let current: Rectification = task;
  const step = (
    action: Parameters<typeof actOnRectification>[1],
    actor: typeof manager | typeof review,
    at: number,
  ) => {
    const outcome = actOnRectification(current, action, actor, new Date(at));
    if (outcome.ok) current = outcome.task;
  };
  const alerts = (until: number) => {
    // The sweeper's reminder, then its breach report, where their time came before `until`.
    for (const at of [due - world.deadlines.remindBeforeDays * 86_400_000, due + 60_000]) {
      if (at >= until || at >= world.now) continue;
      const owed = rectificationAlert(current, new Date(at), world.deadlines);
      if (owed === 'remind') current = { ...current, remindedAt: new Date(at).toISOString() };
      if (owed === 'escalate') current = { ...current, escalatedAt: new Date(at).toISOString() };
    }
  };

  if (answeredAt === undefined || answeredAt >= world.now) {
    alerts(world.now);
  } else {
    alerts(answeredAt);
    step(
      { type: 'answer', note: '已按要求整改完毕，附整改后照片。', photo: demoAnswerPhoto(task.id, 1) },
      manager,
      answeredAt,
    );
    const reviewedAt = answeredAt + random.between(0.5, 2) * 86_400_000;
    if (reviewedAt < world.now) {
      if (random.chance(0.12)) {
        step({ type: 'return', reason: '整改照片未体现整改后的现场，请补充。' }, review, reviewedAt);
        const again = reviewedAt + random.between(0.3, 1.5) * 86_400_000;
        if (again < world.now) {
          step(
            { type: 'answer', note: '已补充整改后现场照片。', photo: demoAnswerPhoto(task.id, 2) },
            manager,
            again,
          );
          const last = again + random.between(0.3, 1) * 86_400_000;
          if (last < world.now) step({ type: 'accept' }, review, last);
        }
      } else {
        step({ type: 'accept' }, review, reviewedAt);
      }
    }
  }
  return { ...current, alertAt: nextAlertAt(current, world.deadlines) };
}

/**
 * The tallies the API would have added to as the history happened: each inspection's counts in its
 * month, each task's in the month it falls due, and on-time acceptances there too.
 */
export function historyTallies(
  inspections: readonly Inspection[],
  tasks: readonly Rectification[],
  timeZone: string,
): { change: Omit<TallyChange, 'counts' | 'round'>; tally: SupervisionTally }[] {
  const tallies = new Map<
    string,
    { change: Omit<TallyChange, 'counts' | 'round'>; counts: TallyCounts[]; rounds: Set<string> }
  >();
  const add = (changes: TallyChange[]) => {
    for (const { counts, round, ...change } of changes) {
      const key = `${change.scope}#${change.id}#${change.month}`;
      const entry = tallies.get(key) ?? { change, counts: [], rounds: new Set<string>() };
      entry.counts.push(counts);
      if (round) entry.rounds.add(round);
      tallies.set(key, entry);
    }
  };
  const dueMonth = (task: Rectification) => localDate(new Date(task.dueAt), timeZone).slice(0, 7);
  for (const inspection of inspections)
    add(tallyChanges(inspection, tallyMonth(inspection), inspectionCounts(inspection), roundOf(inspection)));
  for (const task of tasks) {
    add(tallyChanges(task, dueMonth(task), TASK_DUE));
    add(tallyChanges(task, dueMonth(task), acceptedTaskCounts(task)));
  }
  return [...tallies.values()].map(({ change, counts, rounds }) => ({
    change,
    tally: { counts: sumTallies(counts.map((c) => ({ counts: c, rounds: [] }))).counts, rounds: [...rounds] },
  }));
}
