import { departmentIds } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import { SWEEP_HORIZON_MS, sweepComplaint } from '../domain/lifecycle/time-limit-sweep.js';
import type { LifecycleContext } from '../domain/lifecycle/transitions.js';
import { AUTO_CLOSE_AFTER_DAYS, FOLLOW_UP_WITHIN_DAYS } from '../domain/time-limits.js';
import { recordStep } from '../services/complaint-steps.js';

/**
 * Every 15 minutes: reminders 2 days before a due date, breaches (overdue, alert to head office),
 * follow-ups (回访) not made in time, and auto-closes 7 days after an unrated resolution. Two range queries per department find the
 * candidates; each step is a conditional write on the complaint's version, so overlapping runs
 * and re-runs act once per complaint and threshold.
 */
export async function sweepTimeLimits(deps: Dependencies) {
  const { complaints } = deps.repositories;
  const now = deps.now();
  const ctx: LifecycleContext = {
    now,
    timeZone: deps.config.TIME_ZONE,
    rootCauses: deps.config.ROOT_CAUSES,
    departmentIds,
  };
  const dueBy = new Date(now.getTime() + SWEEP_HORIZON_MS).toISOString();
  // Resolved (or closed, follow-up waiting) before the earlier of the follow-up and auto-close horizons.
  const resolvedBy = new Date(
    now.getTime() - Math.min(FOLLOW_UP_WITHIN_DAYS, AUTO_CLOSE_AFTER_DAYS) * 86_400_000,
  ).toISOString();
  const candidates = (
    await Promise.all(
      departmentIds.flatMap((d) => [
        complaints.dueBefore(d, dueBy),
        complaints.resolvedBefore(d, resolvedBy),
      ]),
    )
  ).flat();
  const done = {
    examined: candidates.length,
    'due-soon': 0,
    overdue: 0,
    'follow-up-due': 0,
    closed: 0,
    lostRace: 0,
  };
  for (const complaint of candidates) {
    const outcome = sweepComplaint(complaint, ctx);
    if (!outcome?.ok) continue;
    const event = await recordStep(deps, complaint, outcome);
    if (!event) done.lostRace++;
    else if (
      event.action === 'due-soon' ||
      event.action === 'overdue' ||
      event.action === 'follow-up-due' ||
      event.action === 'closed'
    )
      done[event.action]++;
  }
  deps.metrics.count('TimeLimitReminder', done['due-soon']);
  deps.metrics.count('TimeLimitBreached', done.overdue);
  deps.metrics.count('ComplaintAutoClosed', done.closed);
  return done;
}
