/**
 * Business metrics (ratings, complaints, notifications, time-limit breaches). In Lambda they go to
 * CloudWatch through Powertools as embedded metric format, published once per invocation; the
 * local platform keeps running totals only (nothing to publish to).
 */
export type MetricName =
  | 'FeedbackRecorded'
  | 'ComplaintReceived'
  | 'MajorComplaintReceived'
  | 'NotificationPublished'
  | 'CustomerNoticeSent'
  | 'ComplaintAction'
  | 'TimeLimitReminder'
  | 'TimeLimitBreached'
  | 'ComplaintAutoClosed'
  | 'WarningRaised'
  | 'InspectionRecorded'
  | 'RectificationReminder'
  | 'RectificationBreached'
  | 'CircularPublished';

export interface Metrics {
  count(name: MetricName, value?: number): void;
  /** Publishes what this invocation counted (a no-op where nothing is published). */
  flush(): void;
}

/** Counts in memory: the local platform and tests. */
export class CountingMetrics implements Metrics {
  readonly totals = new Map<MetricName, number>();

  count(name: MetricName, value = 1): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + value);
  }

  flush(): void {}
}
