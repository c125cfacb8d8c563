import type { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import {
  SnsSmsCustomerNotifier,
  SnsTopicCustomerNotifier,
} from '../../functions/adapters/notifier/sns-customer-notifier.js';
import { SnsNotifier } from '../../functions/adapters/notifier/sns-notifier.js';
import type { Complaint } from '../../functions/domain/complaint.js';
import { complaintNotice } from '../../functions/domain/complaint-notifications.js';

/** Captures the requests the adapter hands to the SDK client, as SNS would receive them. */
function capturingClient() {
  const requests: PublishCommand['input'][] = [];
  const client = {
    send: async (command: PublishCommand) => {
      requests.push(command.input);
      return { MessageId: 'm-1' };
    },
  } as unknown as SNSClient;
  return { client, requests };
}

const complaint = {
  trackingNo: 'K7QM-4HXP-9TWA',
  outletId: 'sh-jingan',
  regionId: 'shanghai',
  category: 'mis-selling',
  severity: 'major',
  status: 'assigned',
  handlingDepartmentId: 'consumer-protection',
  receivedAt: '2026-11-24T02:00:00.000Z',
  dueAt: '2026-12-09T15:59:59.999Z',
  contact: { sealed: 'v1.x', nameMasked: '王**', phoneMasked: '138****5678', phoneHash: 'hash' },
} as Complaint;

const arns = {
  'consumer-protection': 'arn:aws:sns:ap-east-1:123456789012:bf-dev-consumer-protection',
  'head-office': 'arn:aws:sns:ap-east-1:123456789012:bf-dev-head-office',
};

describe('SnsNotifier', () => {
  it('publishes to the department’s topic with filterable attributes and no personal data', async () => {
    const { client, requests } = capturingClient();
    const notice = complaintNotice(
      complaint,
      'consumer-protection',
      'received',
      'https://fb.example',
      'assigned',
    );
    await new SnsNotifier(client, arns).publish(notice);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({
      TopicArn: arns['consumer-protection'],
      Subject: '[MAJOR] received: K7QM-4HXP-9TWA',
      MessageAttributes: {
        department: { DataType: 'String', StringValue: 'consumer-protection' },
        category: { DataType: 'String', StringValue: 'mis-selling' },
        severity: { DataType: 'String', StringValue: 'major' },
        outlet: { DataType: 'String', StringValue: 'sh-jingan' },
        region: { DataType: 'String', StringValue: 'shanghai' },
      },
    });
    expect(JSON.parse(request?.Message ?? '')).toMatchObject({
      trackingNo: 'K7QM-4HXP-9TWA',
      category: 'mis-selling',
      outletId: 'sh-jingan',
      dueAt: '2026-12-09T15:59:59.999Z',
      inboxUrl: 'https://fb.example/staff#/complaints/K7QM-4HXP-9TWA',
    });
    expect(request?.Message).not.toMatch(/5678|王|hash|v1\.x/);
  });

  it('keeps the subject within SNS’s 100-character limit', async () => {
    const { client, requests } = capturingClient();
    const notice = complaintNotice(complaint, 'head-office', 'x'.repeat(200), 'https://fb.example', 'e');
    await new SnsNotifier(client, arns).publish(notice);
    expect(requests[0]?.Subject?.length).toBeLessThan(100);
    expect(requests[0]?.TopicArn).toBe(arns['head-office']);
  });

  it('refuses a topic the stack did not create, so the stream record is retried rather than lost', async () => {
    const { client, requests } = capturingClient();
    const notice = complaintNotice(complaint, 'cards', 'received', 'https://fb.example', 'assigned');
    await expect(new SnsNotifier(client, arns).publish(notice)).rejects.toThrow(
      /No SNS topic is configured for "cards"/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('customer text messages', () => {
  const message = {
    phone: '+8613812345678',
    text: '您的投诉已受理，编号 K7QM-4HXP-9TWA。',
    trackingNo: 'K7QM-4HXP-9TWA',
    kind: 'received',
    lang: 'zh-CN',
    deduplicationId: 'K7QM-4HXP-9TWA:assigned:customer',
  };

  it('by SNS SMS: to the phone number itself, as a transactional message', async () => {
    const { client, requests } = capturingClient();
    await new SnsSmsCustomerNotifier(client).send(message);
    expect(requests).toEqual([
      {
        PhoneNumber: '+8613812345678',
        Message: message.text,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      },
    ]);
  });

  it('by the customer-notices topic: the whole message for the bank’s SMS gateway', async () => {
    const { client, requests } = capturingClient();
    const arn = 'arn:aws-cn:sns:cn-north-1:123456789012:bf-prod-customer-notices';
    await new SnsTopicCustomerNotifier(client, arn).send(message);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.TopicArn).toBe(arn);
    expect(JSON.parse(requests[0]?.Message ?? '')).toEqual(message);
    expect(requests[0]?.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'received' },
      lang: { DataType: 'String', StringValue: 'zh-CN' },
    });
  });
});
