import { Duration, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import {
  EmailSubscription,
  SmsSubscription,
  SqsSubscription,
  UrlSubscription,
} from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DepartmentConfig } from '../functions/config/departments.js';
import { HEAD_OFFICE_TOPIC } from '../functions/domain/complaint-notifications.js';
import { CUSTOMER_NOTICES_TOPIC } from '../functions/domain/customer-notices.js';
import { ALERTS_TOPIC } from '../functions/domain/lifecycle/time-limit-sweep.js';
import { acknowledge } from './acknowledge.js';
import type { Subscriber } from './stage-config.js';

/**
 * One SNS topic per department (complaints routed to it), one for head office (major and
 * escalated complaints) and one for alerts (time-limit breaches, the outbox's dead letters).
 * Topics are encrypted with a key of our own so CloudWatch alarms may publish to them.
 * Subscribers come from the stage's configuration (cdk.json); a message a subscriber cannot take
 * after SNS's retries (an HTTPS endpoint down, a queue that refuses) is kept in one dead-letter
 * queue, which raises an operations alarm.
 */
export class Notifications extends Construct {
  readonly topics: Record<string, Topic> = {};
  readonly key: Key;
  readonly undeliverable: Queue;

  constructor(
    scope: Construct,
    id: string,
    props: {
      departments: readonly DepartmentConfig[];
      subscribersOf: (departmentId: string) => readonly Subscriber[];
    },
  ) {
    super(scope, id);
    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts the complaint and alert topics',
      enableKeyRotation: true,
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.undeliverable = new Queue(this, 'Undeliverable', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    deadLetterQueueItself(this.undeliverable, 'of the department topics’ subscriptions');
    for (const department of props.departments) {
      const topic = this.topic(department.id, `Complaints for ${department.name.en}`);
      for (const subscriber of props.subscribersOf(department.id))
        topic.addSubscription(subscription(this, subscriber, this.undeliverable));
      if (props.subscribersOf(department.id).some((s) => s.protocol === 'sms')) {
        acknowledge(
          topic,
          'An SMS subscription has no dead-letter queue in CDK (SmsSubscription ignores one); every other subscription of this topic has one.',
          'Serverless-SNSRedrivePolicy',
        );
      }
    }
    this.topic(HEAD_OFFICE_TOPIC, 'Major and escalated complaints for head office');
    this.topic(ALERTS_TOPIC, 'Time-limit breaches and undeliverable notifications');
    // Carries customers' phone numbers: encrypted like the rest, subscribed only by the bank's SMS gateway.
    this.topic(CUSTOMER_NOTICES_TOPIC, 'Text messages to customers, for the bank’s SMS gateway');
  }

  /** `{"<department>|head-office|alerts": "<topic ARN>"}` for the functions' TOPIC_ARNS. */
  get topicArns(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.topics).map(([name, topic]) => [name, topic.topicArn]));
  }

  private topic(name: string, displayName: string): Topic {
    const topic = new Topic(this, `Topic-${name}`, { displayName, masterKey: this.key, enforceSSL: true });
    this.topics[name] = topic;
    return topic;
  }
}

/**
 * Lets a function send text messages straight to phones (SNS SMS), for stages that send customer
 * notices by SMS rather than through the bank's gateway. SMS publishing has no resource to name.
 */
export function grantSmsPublish(fn: IFunction & IGrantable): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['sns:Publish'],
      resources: ['*'],
      conditions: { Bool: { 'aws:SecureTransport': 'true' } },
    }),
  );
  acknowledge(
    fn,
    'SNS SMS publishes to a phone number, not to a resource: AWS documents "*" as the only resource for direct SMS.',
    'AwsSolutions-IAM5[Resource::*]',
  );
}

/** A dead-letter queue has no dead-letter queue of its own: what lands there raises an alarm. */
export function deadLetterQueueItself(queue: Queue, of: string): void {
  acknowledge(
    queue,
    `This queue is itself the dead-letter destination ${of}; an alarm watches its depth.`,
    'AwsSolutions-SQS3',
    'Serverless-SQSRedrivePolicy',
  );
}

function subscription(scope: Construct, subscriber: Subscriber, deadLetterQueue: Queue) {
  switch (subscriber.protocol) {
    case 'email':
      return new EmailSubscription(subscriber.endpoint, { deadLetterQueue });
    case 'sms':
      return new SmsSubscription(subscriber.endpoint, { deadLetterQueue });
    case 'https':
      return new UrlSubscription(subscriber.endpoint, { rawMessageDelivery: false, deadLetterQueue });
    case 'sqs': {
      const queue = Queue.fromQueueArn(
        scope,
        `Queue-${subscriber.queueArn.split(':').pop()}`,
        subscriber.queueArn,
      );
      Validations.of(scope).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'Subscriber queues belong to the departments’ own systems, with their own dead-letter queues.',
      });
      return new SqsSubscription(queue, { deadLetterQueue });
    }
  }
}
