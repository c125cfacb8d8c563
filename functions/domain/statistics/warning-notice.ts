import { ALERTS_TOPIC } from '../lifecycle/time-limit-sweep.js';
import { say } from '../messages.js';
import type { Notification } from '../notifier.js';
import { warningInWords } from './warning-words.js';
import type { Warning } from './warnings.js';

/** The rule in Chinese and English, as the dashboard names it: e.g. "满意度偏低 Low satisfaction". */
const ruleTitle = (rule: Warning['rule']) =>
  `${say('zh-CN', `warningRule.${rule}`)} ${say('en', `warningRule.${rule}`)}`;

/**
 * The alert head office gets when a warning is raised: on the alerts topic, with the figures and
 * a link to the dashboard. Delivered once by the outbox (its deduplication id is the warning's).
 */
export function warningNotice(warning: Warning, subjectName: string, baseUrl: string): Notification {
  return {
    topic: ALERTS_TOPIC,
    subject: `[预警 warning] ${ruleTitle(warning.rule)}: ${subjectName} ${warning.period}`,
    body: {
      event: 'warning',
      ...warning,
      subjectName,
      // The evidence in words (the category by its id: the alert is written without the rules).
      words: warningInWords(warning, 'zh-CN'),
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
