/**
 * The port through which customers get their text messages (customer-notices.ts). In AWS either
 * SNS SMS where the region offers it, or an encrypted topic the bank's own SMS gateway subscribes
 * to (China regions have no SNS SMS): sns-customer-notifier.ts. Locally the LocalNotifier lists
 * them with the number masked.
 */
export interface CustomerMessage {
  /** E.164; never logged. */
  phone: string;
  text: string;
  trackingNo: string;
  kind: string;
  lang: string;
  /** The stream delivers at least once; a gateway drops repeats by this. */
  deduplicationId: string;
}

export interface CustomerNotifier {
  send(message: CustomerMessage): Promise<void>;
}
