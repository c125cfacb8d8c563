import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notification, Notifier } from '../../domain/notifier.js';

/**
 * Publishes to the SNS topic of the notification's department (or the head-office alerts
 * topic). Topic ARNs come from the stack as `{"<topic>": "<arn>"}`, so no name is hard-coded.
 */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArns: Readonly<Record<string, string>>,
  ) {}

  async publish(notification: Notification): Promise<void> {
    const topicArn = this.topicArns[notification.topic];
    if (!topicArn) throw new Error(`No SNS topic is configured for "${notification.topic}"`);
    await this.sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: notification.subject.slice(0, 99),
        Message: JSON.stringify(notification.body),
        MessageAttributes: Object.fromEntries(
          Object.entries(notification.attributes).map(([name, value]) => [
            name,
            { DataType: 'String', StringValue: value },
          ]),
        ),
      }),
    );
  }
}
