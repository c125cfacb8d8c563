import { PersonalDataCipher } from '../adapters/crypto/personal-data-cipher.js';
import { COMPLAINT_EVENT_TYPE } from '../adapters/dynamodb/complaint-repository.js';
import {
  CIRCULAR_PUBLICATION_TYPE,
  RECTIFICATION_ALERT_TYPE,
} from '../adapters/dynamodb/inspection-repository.js';
import type { TableKey } from '../adapters/dynamodb/keys.js';
import { WARNING_TYPE } from '../adapters/dynamodb/warning-repository.js';
import type { CustomerNotifier } from '../adapters/notifier/customer-notifier.js';
import type { Dependencies } from '../dependencies.js';
import { CUSTOMER_TOPIC } from '../domain/customer-notices.js';
import type { Notification, Notifier } from '../domain/notifier.js';
import type { StreamReaction } from './process-stream.js';

/**
 * The item types whose new items may carry notifications for the outbox: a complaint's audit
 * event, a warning, a rectification alert, a circular's publication.
 */
export const NOTIFYING_ITEM_TYPES = [
  COMPLAINT_EVENT_TYPE,
  WARNING_TYPE,
  RECTIFICATION_ALERT_TYPE,
  CIRCULAR_PUBLICATION_TYPE,
] as const;

/**
 * The outbox: when an item that carries notifications is written, publish each one. The stream
 * delivers at least once and Lambda retries failed batches, so each (item, topic) is claimed
 * first and marked sent after: a re-run skips what was sent, and a publish that failed gives its
 * claim back and fails the record, which is retried.
 */
export function deliverNotifications(
  deps: Dependencies,
  notifier: Notifier,
  customers: CustomerNotifier,
): StreamReaction {
  const { outbox } = deps.repositories;
  return {
    name: 'deliver-notifications',
    matches: (change) =>
      change.eventName === 'INSERT' &&
      (NOTIFYING_ITEM_TYPES as readonly unknown[]).includes(change.newItem?.type) &&
      Array.isArray(change.newItem?.notifications) &&
      change.newItem.notifications.length > 0,
    async handle(change) {
      const item = change.newItem ?? {};
      const source: TableKey = { pk: String(item.pk), sk: String(item.sk) };
      for (const notification of item.notifications as Notification[]) {
        const claim = await outbox.claim(source, notification.topic, deps.now());
        if (claim === 'sent') continue;
        if (claim === 'busy')
          throw new Error(
            `Notification ${source.pk} → ${notification.topic} is being sent by another attempt`,
          );
        try {
          if (notification.topic === CUSTOMER_TOPIC) await sendToCustomer(deps, customers, notification);
          else await notifier.publish(notification);
          deps.metrics.count('NotificationPublished');
        } catch (error) {
          // If the release fails too, the lease still runs out and a later retry publishes then.
          await outbox.release(source, notification.topic).catch(() => {});
          throw error;
        }
        await outbox.markSent(source, notification.topic, deps.now());
      }
    },
  };
}

/**
 * A customer notice carries no phone number in the table's event (streams and their retries
 * are read by more than this function): the number is opened from the complaint's sealed
 * contact only now, to send, and goes nowhere else.
 */
async function sendToCustomer(deps: Dependencies, customers: CustomerNotifier, notification: Notification) {
  const body = notification.body as { trackingNo: string; kind: string; lang: string; text: string };
  const complaint = await deps.repositories.complaints.get(body.trackingNo);
  if (!complaint) throw new Error(`No complaint ${body.trackingNo} for its customer notice`);
  const cipher = new PersonalDataCipher(await deps.secrets.personalDataKeys());
  const { phone } = JSON.parse(cipher.open(complaint.contact.sealed, complaint.trackingNo)) as {
    phone: string;
  };
  await customers.send({ ...body, phone, deduplicationId: notification.deduplicationId });
  deps.metrics.count('CustomerNoticeSent');
}
