import { ALERTS_TOPIC } from '../lifecycle/time-limit-sweep.js';
import type { Notification } from '../notifier.js';
import type { Rectification } from './rectification.js';

/** What the sweeper sends about a task: a reminder before its due date, a breach report after it. */
export type RectificationAlertKind = 'remind' | 'escalate';

/**
 * The alert the sweeper writes for a task, on the alerts topic like a complaint's breach. The
 * reminder is for the outlet's manager (subscriptions filter on `audience` and `outlet`); the
 * breach report (督办) for the region and head office (`audience` `region,head-office`, with the
 * region to filter on). It names the outlet, region, item and due date, never a person, and links
 * to the outlet's tasks. The deduplication id is the task's and the kind's: one of each per task.
 */
export function rectificationNotice(
  task: Rectification,
  kind: RectificationAlertKind,
  baseUrl: string,
): Notification {
  const event = kind === 'remind' ? 'rectification-reminder' : 'rectification-breach';
  const audience = kind === 'remind' ? 'outlet-manager' : 'region,head-office';
  return {
    topic: ALERTS_TOPIC,
    subject:
      kind === 'remind'
        ? `[整改提醒 rectification due] ${task.outletId} ${task.itemId}`
        : `[整改逾期 rectification overdue] ${task.regionId} ${task.outletId} ${task.itemId}`,
    body: {
      event,
      rectificationId: task.id,
      inspectionId: task.inspectionId,
      outletId: task.outletId,
      regionId: task.regionId,
      itemId: task.itemId,
      redLine: task.redLine,
      repeated: task.repeated,
      dueAt: task.dueAt,
      tasksUrl: `${baseUrl}/rectify?outletId=${encodeURIComponent(task.outletId)}`,
    },
    attributes: { event, audience, outlet: task.outletId, region: task.regionId },
    deduplicationId: `rectification:${task.id}:${kind}`,
  };
}
