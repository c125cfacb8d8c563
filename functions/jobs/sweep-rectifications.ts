import { RECTIFICATION_ALERT_SHARDS } from '../adapters/dynamodb/inspection-repository.js';
import type { Dependencies } from '../dependencies.js';
import {
  nextAlertAt,
  type RectificationDeadlines,
  rectificationAlert,
} from '../domain/supervision/rectification.js';
import { rectificationNotice } from '../domain/supervision/rectification-notice.js';

/**
 * Every 15 minutes: each open rectification task (限期整改) is reminded to its outlet's manager
 * RECTIFY_REMIND_BEFORE_DAYS before its due date, and a breach is reported to the region and head
 * office once it has passed (督办), as complaint time limits are. The index of tasks owing an
 * alert (gsi4 `RECTDUE#<shard>`, by the instant the next alert falls due) gives the candidates, one
 * Query per shard; each alert is written with the task in one transaction whose alert item may
 * exist only once, so two sweeps that overlap, or a re-run, send each alert exactly once. A task
 * answered or accepted owes nothing and is no longer in the index.
 */
export async function sweepRectifications(deps: Dependencies) {
  const { inspections } = deps.repositories;
  const now = deps.now();
  const at = now.toISOString();
  const deadlines: RectificationDeadlines = {
    redLineDays: deps.config.RECTIFY_RED_LINE_DAYS,
    otherDays: deps.config.RECTIFY_OTHER_DAYS,
    remindBeforeDays: deps.config.RECTIFY_REMIND_BEFORE_DAYS,
  };
  const candidates = (
    await Promise.all(
      Array.from({ length: RECTIFICATION_ALERT_SHARDS }, (_, shard) =>
        inspections.rectificationsOwingAlerts(shard, at),
      ),
    )
  ).flat();
  const done = { examined: candidates.length, remind: 0, escalate: 0, lostRace: 0 };
  for (const task of candidates) {
    const kind = rectificationAlert(task, now, deadlines);
    if (!kind) continue;
    // A breach found before any reminder was sent reports the breach only: the reminder is moot.
    const marked = {
      ...task,
      ...(kind === 'remind' ? { remindedAt: at } : { escalatedAt: at }),
      version: task.version + 1,
    };
    const next = { ...marked, alertAt: nextAlertAt(marked, deadlines) };
    const notice = rectificationNotice(task, kind, deps.config.PUBLIC_BASE_URL);
    if (await inspections.recordAlert(next, task.version, kind, notice, at)) done[kind]++;
    else done.lostRace++;
  }
  deps.metrics.count('RectificationReminder', done.remind);
  deps.metrics.count('RectificationBreached', done.escalate);
  return done;
}
