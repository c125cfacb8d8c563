import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { CustomerMessage, CustomerNotifier } from './customer-notifier.js';

/** A text message straight to the customer's phone through SNS SMS (transactional). */
export class SnsSmsCustomerNotifier implements CustomerNotifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly senderId?: string,
  ) {}

  async send(message: CustomerMessage): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        PhoneNumber: message.phone,
        Message: message.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          ...(this.senderId
            ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.senderId } }
            : {}),
        },
      }),
    );
  }
}

/**
 * The message, number included, to the KMS-encrypted customer-notices topic, for the bank's own SMS
 * gateway to send: where SNS SMS is not offered, and where the bank must send from its own number.
 */
export class SnsTopicCustomerNotifier implements CustomerNotifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async send(message: CustomerMessage): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Message: JSON.stringify(message),
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: message.kind },
          lang: { DataType: 'String', StringValue: message.lang },
        },
      }),
    );
  }
}
