import type { Notification, Notifier } from '../../domain/notifier.js';
import { maskPhone } from '../../domain/phone.js';
import type { CustomerMessage, CustomerNotifier } from './customer-notifier.js';

export interface Delivery extends Notification {
  deliveredAt: string;
  webhooks: { url: string; status: number | 'failed' }[];
}

export interface LocalNotifierOptions {
  /** Webhook URLs per topic; every delivery to that topic is POSTed to each. */
  webhooks?: Readonly<Record<string, readonly string[]>>;
  print?: (line: string) => void;
  /** How many deliveries to keep in memory for GET /api/v1/local/deliveries. */
  keep?: number;
}

/**
 * The local stand-in for SNS: it really delivers, to the in-app feed (deliveries), the console
 * and any configured HTTP webhooks. A webhook that fails is recorded, not thrown: SNS does not
 * fail a publish because one HTTPS subscriber is down either.
 */
export class LocalNotifier implements Notifier, CustomerNotifier {
  private readonly deliveries: Delivery[] = [];

  constructor(private readonly options: LocalNotifierOptions = {}) {}

  async publish(notification: Notification): Promise<void> {
    const urls = this.options.webhooks?.[notification.topic] ?? [];
    const webhooks = await Promise.all(
      urls.map(async (url) => {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(notification),
            signal: AbortSignal.timeout(5000),
          });
          return { url, status: response.status };
        } catch {
          return { url, status: 'failed' as const };
        }
      }),
    );
    const delivery = { ...notification, deliveredAt: new Date().toISOString(), webhooks };
    this.deliveries.unshift(delivery);
    this.deliveries.length = Math.min(this.deliveries.length, this.options.keep ?? 500);
    this.options.print?.(`[notify → ${notification.topic}] ${notification.subject}`);
  }

  /**
   * A customer's text message: listed and printed like the departments' notifications, with the
   * number masked (the local feed is no place for it), to the `customer` topic's webhooks.
   */
  async send(message: CustomerMessage): Promise<void> {
    const { phone, text, kind, ...rest } = message;
    await this.publish({
      topic: 'customer',
      subject: `${kind} → ${maskPhone(phone)}`,
      body: { ...rest, kind, text, phone: maskPhone(phone) },
      attributes: { event: kind, lang: message.lang },
      deduplicationId: message.deduplicationId,
    });
  }

  /** Newest first. */
  list(): readonly Delivery[] {
    return this.deliveries;
  }
}
