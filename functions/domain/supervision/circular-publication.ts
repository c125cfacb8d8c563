import { ALERTS_TOPIC } from '../lifecycle/time-limit-sweep.js';
import type { Notification } from '../notifier.js';

/** A month's circular as published (通报) by the supervision centre: once per month. */
export interface CircularPublication {
  month: string;
  publishedAt: string;
  /** Who published it, by the name the pages show. */
  publishedBy: string;
  /** Their sign-in name, for the record. */
  publishedByUsername: string;
}

/** The month has ended in the bank's calendar: only then may its circular be published. */
export const monthEnded = (month: string, today: string) => month < today.slice(0, 7);

/**
 * What every outlet manager is told when a month's circular is published: ONE message on the
 * alerts topic with `audience` `outlet-manager` (subscriptions filter on it; the platform does not
 * fan out a message per outlet), naming the month and linking to the circular's page. Its
 * deduplication id is the month's: the stream delivers at least once, subscribers drop repeats.
 */
export function circularPublishedNotice(publication: CircularPublication, baseUrl: string): Notification {
  const { month } = publication;
  return {
    topic: ALERTS_TOPIC,
    subject: `[通报 circular] ${month} 服务监督通报已发布 The service supervision circular of ${month} is published`,
    body: {
      event: 'circular-published',
      month,
      publishedAt: publication.publishedAt,
      circularUrl: `${baseUrl}/circular?month=${encodeURIComponent(month)}`,
    },
    attributes: { event: 'circular-published', audience: 'outlet-manager', month },
    deduplicationId: `circular:${month}`,
  };
}
