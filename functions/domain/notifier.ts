/**
 * The port through which complaints and alerts reach people, declared beside the domain that
 * builds the notifications (complaint notices, warnings, rectification alerts). In AWS it
 * publishes to SNS (adapters/notifier/sns-notifier.ts); locally it records, prints and POSTs to
 * webhooks (adapters/notifier/local-notifier.ts).
 */
export interface Notification {
  /** A department id, or `alerts` for the alerts topic (head office, regions, outlet managers). */
  topic: string;
  subject: string;
  /** JSON-serialisable body; never contains a phone number or other personal data. */
  body: Record<string, unknown>;
  /** Filterable SNS message attributes. */
  attributes: Record<string, string>;
  /** Lets subscribers drop duplicates: the stream delivers at least once. */
  deduplicationId: string;
}

export interface Notifier {
  publish(notification: Notification): Promise<void>;
}
