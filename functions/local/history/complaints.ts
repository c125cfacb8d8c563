import type { PersonalDataCipher } from '../../adapters/crypto/personal-data-cipher.js';
import type { StoredEvent } from '../../adapters/dynamodb/complaint-repository.js';
import { type Complaint, type IntakeChannel, intakeEvents, type StaffRef } from '../../domain/complaint.js';
import { rateResolution, type Verdict } from '../../domain/customer-rating.js';
import type { Actor, StaffAction } from '../../domain/lifecycle/actions.js';
import { sweepComplaint } from '../../domain/lifecycle/time-limit-sweep.js';
import { applyAction, type LifecycleContext, type PendingEvent } from '../../domain/lifecycle/transitions.js';
import { maskName, maskPhone } from '../../domain/phone.js';
import { decideRoute, type RoutingRules } from '../../domain/routing.js';
import { dueDate } from '../../domain/time-limits.js';
import { seedUsers } from '../seed-data.js';
import type { BankClock } from './bank-clock.js';
import type { OutletProfile } from './profiles.js';
import type { Random } from './random.js';
import { expectedRatings, weeklyRatings } from './ratings.js';
import {
  complaintDescriptions,
  contactSummaries,
  extensionReasons,
  givenNames,
  headOfficeNotes,
  notes,
  resolutions,
  staffInvolved,
  surnames,
  transferReasons,
  verdictComments,
} from './texts.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The sweeper runs every quarter of an hour. */
const SWEEP_EVERY_MS = 15 * MINUTE_MS;

/** Everything a complaint's story needs that is the same for every complaint. */
export interface ComplaintWorld {
  /** The platform's clock: nothing in the history happens after it. */
  now: number;
  timeZone: string;
  clock: BankClock;
  random: Random;
  rules: RoutingRules;
  rootCauses: readonly string[];
  departmentIds: readonly string[];
  cipher: PersonalDataCipher;
  /** Multiplies the number of complaints, as it does the ratings (so complaints per 1,000 ratings hold). */
  volume: number;
}

/** A complaint as it stands now, with its whole audit trail in order. */
export interface ComplaintStory {
  complaint: Complaint;
  events: StoredEvent[];
}

/** Where a handling department passes a complaint that turns out to be another's. */
const TRANSFER_TO: Record<string, string[]> = {
  'retail-banking': ['operations', 'cards'],
  operations: ['retail-banking', 'digital'],
  cards: ['digital', 'retail-banking'],
  credit: ['retail-banking'],
  digital: ['cards', 'operations'],
  'consumer-protection': ['retail-banking', 'operations'],
};

/** Which root causes departments find, by category (kept to the configured ROOT_CAUSES). */
const ROOT_CAUSES_BY_CATEGORY: Record<string, Record<string, number>> = {
  'service-attitude': { 'staff-conduct': 6, misunderstanding: 3, process: 1 },
  'waiting-time': { process: 6, system: 2, external: 1, misunderstanding: 1 },
  'fees-and-charges': { policy: 5, misunderstanding: 3, process: 2 },
  'mis-selling': { product: 5, 'staff-conduct': 4, process: 1 },
  'cards-and-accounts': { process: 4, system: 3, policy: 2, misunderstanding: 1 },
  loans: { process: 5, policy: 3, external: 2 },
  'digital-banking': { system: 6, process: 2, misunderstanding: 2 },
  'atm-self-service': { system: 7, external: 2, process: 1 },
  'privacy-security': { 'staff-conduct': 5, process: 3, external: 2 },
  other: { process: 4, misunderstanding: 3, external: 3 },
};

const CHANNELS: Record<IntakeChannel, number> = {
  qr: 44,
  web: 20,
  hotline: 24,
  counter: 8,
  letter: 1,
  email: 2,
  visit: 1,
};
/** Customers who rate the handling when asked; the rest are closed by the sweeper after 7 days. */
const VERDICT_CHANCE = 0.7;
/** A customer unsatisfied once who is satisfied with the second answer. */
const SECOND_VERDICT_SATISFIED = 0.8;
/** An unsatisfied customer who closes the complaint rather than asking for a review. */
const CLOSE_UNSATISFIED = 0.3;
/** Follow-ups (回访) made; the rest show up as owed on the inboxes. */
const FOLLOW_UP_MADE = 0.95;

/**
 * Every complaint an outlet received over `days`, each told from intake to now the way the
 * platform would have recorded it: routed by the rules (counting the outlet's earlier
 * complaints of the category for the recurring pattern), then accepted, worked and resolved by
 * staff of the handling department through the lifecycle's own `applyAction`, rated by the
 * customer through `rateResolution`, and reminded, flagged and auto-closed by the sweeper's own
 * `sweepComplaint` at its quarter-hour runs. Events are numbered as the services number them
 * (intake 0 and 1, then each step the complaint's new version) and carry no notifications:
 * history must not reach anyone's inbox or phone.
 */
export function outletComplaints(
  world: ComplaintWorld,
  outlet: { id: string; regionId: string },
  profile: OutletProfile,
  days: readonly string[],
): ComplaintStory[] {
  const { random, clock } = world;
  const earlier = new Map<string, number[]>();
  const stories: ComplaintStory[] = [];
  const week = weeklyRatings(profile);
  for (const date of days) {
    const weekday = clock.weekday(date);
    const hours = profile.hours[weekday];
    // Complaints come with visits, so busy days bring more; on a closed day only online and by phone, rarely.
    const share = week > 0 ? expectedRatings(profile, weekday) / week : 1 / 7;
    const expected = (profile.complaintsPerWeek(date) * share + (hours ? 0 : 0.02)) * world.volume;
    const arrivals = Array.from({ length: random.poisson(expected) }, () => {
      const channel: IntakeChannel = hours
        ? random.weighted(CHANNELS)
        : random.pick(['web', 'hotline'] as const);
      const minutes =
        channel === 'web'
          ? random.between(7 * 60, 23 * 60)
          : channel === 'hotline'
            ? random.between(8.5 * 60, 20 * 60)
            : random.between(hours?.open ?? 540, hours?.close ?? 1020);
      return { channel, at: clock.at(date, minutes) };
    }).sort((a, b) => a.at - b.at);
    for (const { channel, at } of arrivals) {
      const category = pickCategory(world, profile.categories(date));
      const window = world.rules.recurring.windowDays * DAY_MS;
      const sameCategory = earlier.get(category) ?? [];
      // What intake's countRecent finds: this outlet's complaints of the category since now − window.
      const recentSameCategory = sameCategory.filter((t) => t >= at - window).length;
      sameCategory.push(at);
      earlier.set(category, sameCategory);
      stories.push(
        tell(world, profile, intake(world, outlet, date, channel, at, category, recentSameCategory)),
      );
    }
  }
  return stories;
}

function pickCategory(world: ComplaintWorld, weights: Record<string, number>): string {
  const known = new Set(world.rules.categories.map((c) => c.id));
  const usable = Object.fromEntries(Object.entries(weights).filter(([id]) => known.has(id)));
  if (Object.keys(usable).length === 0) return world.random.pick(world.rules.categories).id;
  return world.random.weighted(usable);
}

/** The complaint and its first two events, exactly as ComplaintIntake builds them (without notifications). */
function intake(
  world: ComplaintWorld,
  outlet: { id: string; regionId: string },
  date: string,
  channel: IntakeChannel,
  at: number,
  category: string,
  recentSameCategory: number,
): ComplaintStory {
  const { random, cipher } = world;
  const route = decideRoute(world.rules, {
    categoryId: category,
    outletId: outlet.id,
    regionId: outlet.regionId,
    recentSameCategory,
  });
  const trackingNo = trackingNumber(random);
  const receivedAt = new Date(at).toISOString();
  const name = `${random.pick(surnames)}${random.pick(givenNames)}`;
  const phone = `+861${random.int(3, 9)}${random.chars('0123456789', 9)}`;
  // Staff enter what does not come from the customer's phone: at the counter retail banking, the
  // rest (hotline, letters, e-mail, visits) the consumer-protection desk; they own it (首问负责制).
  const enteredBy =
    channel === 'qr' || channel === 'web'
      ? undefined
      : staffOf(channel === 'counter' ? 'retail-banking' : 'consumer-protection', random);
  const complaint: Complaint = {
    trackingNo,
    outletId: outlet.id,
    regionId: outlet.regionId,
    category,
    description: random.pick(complaintDescriptions[category] ?? complaintDescriptions.other ?? ['']),
    contact: {
      sealed: cipher.seal(JSON.stringify({ name, phone }), trackingNo),
      nameMasked: maskName(name),
      phoneMasked: maskPhone(phone),
      phoneHash: cipher.hash(phone, 'phone'),
    },
    preferredChannel: random.chance(0.6) ? 'call' : 'sms',
    incidentDate: random.chance(0.7) ? date : undefined,
    staffInvolved:
      category === 'service-attitude' && random.chance(0.5) ? random.pick(staffInvolved) : undefined,
    channel,
    lang: 'zh-CN',
    status: 'assigned',
    severity: route.severity,
    flags: { overdue: false, escalated: route.escalated, extended: false },
    routing: { departmentId: route.departmentId, reasons: route.reasons, recurring: route.recurring },
    handlingDepartmentId: route.departmentId,
    timeLimitDays: route.timeLimitDays,
    receivedAt,
    dueAt: dueDate(new Date(at), route.timeLimitDays, world.timeZone).toISOString(),
    enteredBy,
    owner: enteredBy,
    version: 1,
  };
  const events: StoredEvent[] = intakeEvents(complaint);
  return { complaint, events };
}

/**
 * Takes a complaint from intake to now: what the handlers, head office, the customer and the
 * sweeper do, each at a plausible moment; whatever would happen after now does not happen yet.
 */
function tell(world: ComplaintWorld, profile: OutletProfile, start: ComplaintStory): ComplaintStory {
  const { random, clock } = world;
  const story = new Story(world, start);
  const received = Date.parse(start.complaint.receivedAt);
  const work = (ms: number) => clock.workingMoment(ms, () => random.int(0, 90));
  const hoursLater = (from: number, min: number, max: number) =>
    work(from + random.between(min, max) * HOUR_MS);
  const handler = () => story.handler();

  let t = hoursLater(received, 0.3, 20);
  if (!story.act(t, handler(), { type: 'accept' })) return story.end();
  if (start.complaint.severity === 'major' && random.chance(0.6)) {
    t = hoursLater(t, 1, 24);
    if (!story.act(t, headOffice, { type: 'note', text: random.pick(headOfficeNotes) })) return story.end();
  }
  if (random.chance(0.75)) {
    t = hoursLater(t, 0.5, 24);
    const summary = random.pick(contactSummaries);
    if (!story.act(t, handler(), { type: 'contact', channel: story.complaint.preferredChannel, summary }))
      return story.end();
  }
  if (random.chance(0.1)) {
    const current = story.complaint.handlingDepartmentId;
    const targets = (TRANSFER_TO[current] ?? []).filter(
      (d) => d !== current && world.departmentIds.includes(d),
    );
    if (targets.length > 0) {
      t = hoursLater(t, 1, 30);
      const toDepartment = random.pick(targets);
      if (!story.act(t, handler(), { type: 'transfer', toDepartment, reason: random.pick(transferReasons) }))
        return story.end();
    }
  }
  if (random.chance(0.2)) {
    t = hoursLater(t, 2, 48);
    if (!story.act(t, handler(), { type: 'note', text: random.pick(notes) })) return story.end();
  }

  const recent = world.now - received < 40 * DAY_MS;
  const extension = random.chance(story.complaint.category === 'loans' ? 0.25 : 0.07);
  const late = !extension && random.chance(profile.lateShare);
  const stuck = recent && !extension && random.chance(profile.stuckShare);
  let resolveAt: number;
  if (extension) {
    t = Math.max(t + HOUR_MS, work(received + random.between(7, 11) * DAY_MS));
    if (!story.act(t, handler(), { type: 'extend', days: 30, reason: random.pick(extensionReasons) }))
      return story.end();
    resolveAt = received + random.between(16, 27) * DAY_MS;
    if (random.chance(0.2)) {
      // Still not enough: the department asks head office for the 60-day maximum.
      t = Math.max(t + HOUR_MS, work(received + random.between(24, 28) * DAY_MS));
      if (!story.act(t, handler(), { type: 'extend', days: 60, reason: random.pick(extensionReasons) }))
        return story.end();
      t = hoursLater(t, 3, 30);
      if (!story.act(t, headOffice, { type: 'approve-extension', note: '同意延长至60天。' }))
        return story.end();
      resolveAt = received + random.between(35, 55) * DAY_MS;
    }
  } else if (stuck) {
    return story.end(); // nobody got to it: open now, and overdue once its due date has passed
  } else if (late) {
    resolveAt = Date.parse(story.complaint.dueAt) + random.between(6, 150) * HOUR_MS;
  } else {
    // Most within a few days, some taking a week or two, all meant to be in time.
    const days = Number(random.weighted({ '1': 0.35, '3': 0.35, '6': 0.2, '10': 0.1 }));
    resolveAt = received + (days + random.between(0, 3)) * DAY_MS;
  }
  t = Math.max(t + HOUR_MS, work(resolveAt));
  if (!story.act(t, handler(), resolveAction(world, story.complaint.category))) return story.end();

  for (let round = 1; round <= 2; round++) {
    if (!random.chance(VERDICT_CHANCE)) break; // no verdict: the sweeper closes it after 7 days
    t += random.between(3, 96) * HOUR_MS;
    const satisfied = random.chance(round === 1 ? profile.verdictSatisfied : SECOND_VERDICT_SATISFIED);
    const comment = random.pick(satisfied ? verdictComments.satisfied : verdictComments.unsatisfied);
    // Of the unsatisfied, some do not want it looked at again: closed, counted as unsatisfied.
    const verdict = satisfied
      ? 'satisfied'
      : random.chance(CLOSE_UNSATISFIED)
        ? 'close-unsatisfied'
        : 'review';
    if (!story.verdict(t, verdict, comment)) return story.end();
    if (verdict !== 'review') break;
    // Reopened to the owner's department: a second, closer look.
    if (random.chance(0.7)) {
      t = hoursLater(t, 1, 24);
      const summary = random.pick(contactSummaries);
      if (!story.act(t, handler(), { type: 'contact', channel: story.complaint.preferredChannel, summary }))
        return story.end();
    }
    t = Math.max(t + HOUR_MS, work(t + random.between(1, 6) * DAY_MS));
    if (!story.act(t, handler(), resolveAction(world, story.complaint.category))) return story.end();
  }
  // 回访: most departments call the customer back within the three days of the last resolution.
  const owed = story.complaint.followUp;
  const resolvedAt = Date.parse(story.complaint.resolution?.resolvedAt ?? '');
  if (owed && !owed.doneAt && random.chance(FOLLOW_UP_MADE)) {
    const summary = random.pick(contactSummaries);
    story.act(hoursLater(resolvedAt, 4, 60), handler(), {
      type: 'follow-up',
      reached: random.chance(0.85),
      summary,
    });
  }
  return story.end();
}

function resolveAction(world: ComplaintWorld, category: string): StaffAction {
  const { random, rootCauses } = world;
  const weights = Object.fromEntries(
    Object.entries(ROOT_CAUSES_BY_CATEGORY[category] ?? {}).filter(([cause]) => rootCauses.includes(cause)),
  );
  const rootCause = Object.keys(weights).length > 0 ? random.weighted(weights) : random.pick(rootCauses);
  const text = random.pick(
    resolutions[rootCause] ?? [{ decision: '已核实并答复客户。', correctiveAction: '持续跟进改进。' }],
  );
  return { type: 'resolve', rootCause, ...text };
}

/** One complaint's state and trail as its story is told, step by step, in time order. */
class Story {
  complaint: Complaint;
  readonly events: StoredEvent[];
  private last: number;
  /** Who works it in each department: the same person from accept to resolve. */
  private readonly handlers = new Map<string, Actor>();

  constructor(
    private readonly world: ComplaintWorld,
    start: ComplaintStory,
  ) {
    this.complaint = start.complaint;
    this.events = [...start.events];
    this.last = Date.parse(start.complaint.receivedAt);
  }

  /** Staff of the department handling it now, acting as its handler. */
  handler(): Actor {
    const departmentId = this.complaint.handlingDepartmentId;
    let actor = this.handlers.get(departmentId);
    if (!actor) {
      const staff = staffOf(departmentId, this.world.random);
      actor = { standing: 'handler', ...staff, role: `dept:${departmentId}` };
      this.handlers.set(departmentId, actor);
    }
    return actor;
  }

  /**
   * A staff step at `at`, after whatever the sweeper did before it. False once `at` is after
   * now (the story stops there); a step the lifecycle refuses is simply not taken.
   */
  act(at: number, actor: Actor, action: StaffAction): boolean {
    const when = this.prepare(at);
    if (when === undefined) return false;
    const outcome = applyAction(this.complaint, action, actor, this.context(when));
    if (outcome.ok) this.record(outcome.complaint, outcome.event);
    return true;
  }

  /** The customer's verdict on the resolution (see customer-rating.ts). */
  verdict(at: number, verdict: Verdict, comment: string | undefined): boolean {
    const when = this.prepare(at);
    if (when === undefined) return false;
    const outcome = rateResolution(this.complaint, { verdict, comment }, new Date(when), this.world.timeZone);
    if (outcome.ok) this.record(outcome.complaint, outcome.event);
    return true;
  }

  /** The story as it stands now, with the sweeper's runs up to now. */
  end(): ComplaintStory {
    this.sweepUntil(this.world.now);
    return { complaint: this.complaint, events: this.events };
  }

  private prepare(at: number): number | undefined {
    if (at > this.world.now) return undefined;
    this.sweepUntil(at);
    // Never at the same instant as the step before: the trail reads in the order things happened.
    const when = Math.max(at, this.last + 1000);
    return when > this.world.now ? undefined : when;
  }

  /** What the quarter-hourly sweeper did before `until`: reminders, breaches, auto-closes. */
  private sweepUntil(until: number) {
    for (let i = 0; i < 10; i++) {
      const run = this.nextSweep();
      if (run === undefined || run > until) return;
      const outcome = sweepComplaint(this.complaint, this.context(run));
      if (!outcome?.ok) return;
      this.record(outcome.complaint, outcome.event);
    }
  }

  /** The first quarter-hour run after the last event at which the sweeper has something to do. */
  private nextSweep(): number | undefined {
    const c = this.complaint;
    const runAfter = (ms: number) =>
      (Math.floor(Math.max(ms, this.last) / SWEEP_EVERY_MS) + 1) * SWEEP_EVERY_MS;
    const due = Date.parse(c.dueAt);
    const alerts = c.timeLimitAlerts ?? {};
    const runs: number[] = [];
    if (c.status === 'assigned' || c.status === 'accepted' || c.status === 'reopened') {
      if (alerts.breachedFor !== c.dueAt) runs.push(runAfter(due));
      const remind = runAfter(due - 2 * DAY_MS);
      if (alerts.remindedFor !== c.dueAt && remind < due) runs.push(remind);
    }
    if (c.status === 'resolved' && c.resolution) {
      runs.push(runAfter(Date.parse(c.resolution.resolvedAt) + 7 * DAY_MS - 1));
    }
    return runs.length > 0 ? Math.min(...runs) : undefined;
  }

  /** Numbered as recordStep numbers it: the complaint's new version. */
  private record(next: Complaint, event: PendingEvent) {
    this.complaint = next;
    this.events.push({ ...event, trackingNo: next.trackingNo, seq: next.version });
    this.last = Date.parse(event.at);
  }

  private context(at: number): LifecycleContext {
    return {
      now: new Date(at),
      timeZone: this.world.timeZone,
      rootCauses: this.world.rootCauses,
      departmentIds: this.world.departmentIds,
    };
  }
}

const headOfficeUser = seedUsers.find((u) => u.username === 'head-office');
const headOffice: Actor = {
  standing: 'head-office',
  username: headOfficeUser?.username ?? 'head-office',
  displayName: headOfficeUser?.displayName ?? 'Head office',
  role: 'head-office',
};

/** One of the seeded staff of a department (seed-data.ts makes two per department). */
function staffOf(departmentId: string, random: Random): StaffRef {
  const staff = seedUsers.filter((u) => u.roles.includes(`dept:${departmentId}`));
  const user = staff.length > 0 ? random.pick(staff) : undefined;
  return {
    username: user?.username ?? `${departmentId}.1`,
    displayName: user?.displayName ?? departmentId,
    departmentId,
  };
}

/** newTrackingNumber's format and alphabet, from the seeded source. */
function trackingNumber(random: Random): string {
  const chars = random.chars('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 12);
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
