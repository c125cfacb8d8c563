import type { Notification } from '../../adapters/notifier/notifier.js';
import { ALERTS_TOPIC } from '../lifecycle/time-limit-sweep.js';
import type { Warning } from './warnings.js';

const RULE_TITLES: Record<Warning['rule'], string> = {
  'csat-low': '满意度偏低 CSAT below threshold',
  'csat-drop': '满意度下降 CSAT dropped',
  'on-time-low': '按时办结率偏低 On-time rate below target',
  'complaints-high': '投诉偏多 Complaints per 1,000 ratings high',
  recurring: '频发投诉 Recurring complaints',
};

/**
 * The alert head office gets when a warning is raised: on the alerts topic, with the figures and
 * a link to the dashboard. Delivered once by the outbox (its deduplication id is the warning's).
 */
export function warningNotice(warning: Warning, subjectName: string, baseUrl: string): Notification {
  return {
    topic: ALERTS_TOPIC,
    subject: `[预警 warning] ${RULE_TITLES[warning.rule]}: ${subjectName} ${warning.period}`,
    body: {
      event: 'warning',
      ...warning,
      subjectName,
      dashboardUrl: `${baseUrl}/dashboard?period=${encodeURIComponent(warning.period)}`,
    },
    attributes: {
      event: 'warning',
      rule: warning.rule,
      scope: warning.scope,
      period: warning.period,
    },
    deduplicationId: `warning:${warning.id}`,
  };
}
