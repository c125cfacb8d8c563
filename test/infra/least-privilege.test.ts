import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../../functions/config/departments.js';
import { schedules } from '../../functions/config/schedules.js';
import { synthStack } from './support.js';

/**
 * What each function may do, written from what its code must do (not read back from
 * infra/function-access.ts): every IAM permission of its role as `action resource [condition]`,
 * with resources named by their construct (`StorageTable.Arn`, `SecretsQrSecret`, …).
 */
type Cfn = Record<string, unknown>;
const stripHash = (id: string) => id.replace(/[0-9A-F]{8}$/, '');

function resource(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Cfn;
  if (v['Fn::GetAtt']) {
    const [id, attribute] = v['Fn::GetAtt'] as [string, string];
    return `${stripHash(id)}.${attribute}`;
  }
  if (v.Ref) return stripHash(String(v.Ref));
  if (v['Fn::Join']) return (v['Fn::Join'] as [string, unknown[]])[1].map(resource).join('');
  return JSON.stringify(value);
}

function permissionsOf(template: Template, fnName: string): string[] {
  const fns = template.findResources('AWS::Lambda::Function');
  const fnId = Object.keys(fns).find((id) => stripHash(id) === `Functions${fnName}`);
  const role = (fns[fnId ?? '']?.Properties.Role as { 'Fn::GetAtt': [string] } | undefined)?.[
    'Fn::GetAtt'
  ][0];
  expect(role).toBeDefined();
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role),
  );
  const lines: string[] = [];
  for (const policy of policies) {
    for (const statement of policy.Properties.PolicyDocument.Statement as Cfn[]) {
      expect(statement.Effect).toBe('Allow');
      const actions = [statement.Action].flat() as string[];
      const resources = [statement.Resource].flat().map(resource);
      const condition = statement.Condition ? ` if ${JSON.stringify(statement.Condition)}` : '';
      for (const action of actions) for (const r of resources) lines.push(`${action} ${r}${condition}`);
    }
  }
  return [...new Set(lines)].sort();
}

const writesTo = (...prefixes: string[]) =>
  ` if ${JSON.stringify({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } })}`;
const readSecret = (secret: string) => [
  `secretsmanager:DescribeSecret ${secret}`,
  `secretsmanager:GetSecretValue ${secret}`,
];
/** Every function traces to X-Ray, which has no resource ARN. */
const tracing = ['xray:PutTelemetryRecords *', 'xray:PutTraceSegments *'];

let dev: Template;
beforeAll(() => {
  dev = synthStack('dev').template;
});

describe('each function may do what its code does, and nothing else', () => {
  it('public: reads outlets, rules and tracking; writes ratings, complaints (with their marker and events), details, tracking tries and verdicts; reads the QR, personal-data and origin-verify secrets', () => {
    expect(permissionsOf(dev, 'public')).toEqual(
      [
        'dynamodb:GetItem StorageTable.Arn',
        'dynamodb:Query StorageTable.Arn',
        'dynamodb:Query StorageTable.Arn/index/gsi1', // outlets and regions
        'dynamodb:Query StorageTable.Arn/index/gsi2', // an outlet's recent complaints (recurring)
        `dynamodb:PutItem StorageTable.Arn${writesTo('SUBMISSION#*', 'COMPLAINT#*')}`,
        `dynamodb:UpdateItem StorageTable.Arn${writesTo('SUBMISSION#*', 'LIMIT#*')}`,
        ...readSecret('SecretsQrSecret'),
        ...readSecret('SecretsPersonalDataKey'),
        ...readSecret('SecretsOriginVerify'),
        ...tracing,
      ].sort(),
    );
  });

  it('staff: reads inboxes, complaints, outlets, statistics; writes lifecycle steps, outlets, routing rules, acknowledgments, checklists, inspections, rectifications and mystery visits; reads the QR, personal-data and origin-verify secrets', () => {
    expect(permissionsOf(dev, 'staff')).toEqual(
      [
        'dynamodb:GetItem StorageTable.Arn',
        'dynamodb:BatchGetItem StorageTable.Arn', // the outlets, rollups and warnings a page shows
        'dynamodb:Query StorageTable.Arn',
        'dynamodb:Query StorageTable.Arn/index/gsi1', // inboxes, rankings, warnings, outlets
        'dynamodb:Query StorageTable.Arn/index/gsi2', // an outlet's complaints and ratings
        'dynamodb:Query StorageTable.Arn/index/gsi3', // the bank's ranking of outlets
        'dynamodb:Query StorageTable.Arn/index/gsi4', // complaints a department owns
        `dynamodb:PutItem StorageTable.Arn${writesTo('COMPLAINT#*', 'OUTLET#*', 'CONFIG#*', 'CHECKLIST#*', 'INSPECTION#*', 'RECT#*', 'MYSTERY#*')}`,
        // Acknowledging warnings with their counts (one transaction); releasing a mystery visit;
        // marking its link used; adding to the supervision tallies.
        `dynamodb:UpdateItem StorageTable.Arn${writesTo('WARNING#*', 'WARNSUM#*', 'INSPECTION#*', 'MYSTERY#*', 'SUPTALLY#*')}`,
        ...readSecret('SecretsQrSecret'),
        ...readSecret('SecretsPersonalDataKey'),
        ...readSecret('SecretsOriginVerify'), // every request must prove it came through CloudFront
        // Photos: presigned POSTs under photos/ only, presigned GETs of them, with the bucket's key.
        's3:PutObject PhotosBucket.Arn/photos/*',
        's3:GetObject PhotosBucket.Arn/photos/*',
        'kms:GenerateDataKey PhotosKey.Arn',
        'kms:Decrypt PhotosKey.Arn',
        ...tracing,
      ].sort(),
    );
  });

  it('stream: reads the table’s stream, keeps the outbox, marks stale days, publishes to the topics, archives events, opens a customer’s phone number; no complaint write, no QR secret', () => {
    const topics = [...departments.map((d) => d.id), 'head-office', 'alerts', 'customer-notices'];
    expect(permissionsOf(dev, 'stream')).toEqual(
      [
        'dynamodb:GetItem StorageTable.Arn', // the complaint of a customer notice
        `dynamodb:PutItem StorageTable.Arn${writesTo('OUTBOX#*', 'STALE#*')}`,
        `dynamodb:UpdateItem StorageTable.Arn${writesTo('OUTBOX#*')}`,
        `dynamodb:DeleteItem StorageTable.Arn${writesTo('OUTBOX#*')}`,
        // The event source mapping reads the stream; ListStreams has no resource.
        'dynamodb:DescribeStream StorageTable.StreamArn',
        'dynamodb:GetRecords StorageTable.StreamArn',
        'dynamodb:GetShardIterator StorageTable.StreamArn',
        'dynamodb:ListStreams *',
        // A batch that keeps failing is recorded in the stream's dead-letter queue.
        'sqs:GetQueueAttributes StreamDeadLetters.Arn',
        'sqs:GetQueueUrl StreamDeadLetters.Arn',
        'sqs:SendMessage StreamDeadLetters.Arn',
        ...topics.map((t) => `sns:Publish NotificationsTopic${t.replaceAll('-', '')}`),
        'kms:Decrypt NotificationsTopicKey.Arn',
        'kms:GenerateDataKey NotificationsTopicKey.Arn',
        's3:PutObject AuditArchiveBucket.Arn/audit/*',
        ...readSecret('SecretsPersonalDataKey'),
        ...tracing,
      ].sort(),
    );
  });

  it('schedule: reads what rollups, warnings and the sweeper read; writes rollups, warnings, sweeper steps, clears stale marks; reads no secret', () => {
    expect(permissionsOf(dev, 'schedule')).toEqual(
      [
        'dynamodb:GetItem StorageTable.Arn',
        'dynamodb:BatchGetItem StorageTable.Arn', // the outlets of a refresh's stale days
        'dynamodb:Query StorageTable.Arn', // rollups of a subject, stale marks
        'dynamodb:Query StorageTable.Arn/index/gsi1', // outlets, regions, days of a date, rankings, inboxes (sweeper)
        'dynamodb:Query StorageTable.Arn/index/gsi2', // an outlet's ratings and complaints of a day
        'dynamodb:Query StorageTable.Arn/index/gsi4', // rectification tasks owing an alert (sweeper)
        // A task with its reminder or breach report (RECT#<id> both), in one transaction.
        `dynamodb:PutItem StorageTable.Arn${writesTo('ROLLUP#*', 'WARNING#*', 'COMPLAINT#*', 'RECT#*')}`,
        `dynamodb:UpdateItem StorageTable.Arn${writesTo('WARNSUM#*')}`, // a raised warning's count
        // Rollups written, and the stale marks a refresh read deleted, 25 to a request.
        `dynamodb:BatchWriteItem StorageTable.Arn${writesTo('ROLLUP#*', 'STALE#*')}`,
        // A failed run is recorded with its error (Lambda's on-failure destination).
        'sqs:GetQueueAttributes SchedulesFailedRuns.Arn',
        'sqs:GetQueueUrl SchedulesFailedRuns.Arn',
        'sqs:SendMessage SchedulesFailedRuns.Arn',
        ...tracing,
      ].sort(),
    );
  });

  it('a stage sending customer notices by SNS SMS adds exactly that to the stream function', () => {
    const sms = synthStack('dev', { customerNotices: 'sms' }).template;
    const added = permissionsOf(sms, 'stream').filter((p) => !permissionsOf(dev, 'stream').includes(p));
    expect(added).toEqual([
      `sns:Publish *${` if ${JSON.stringify({ Bool: { 'aws:SecureTransport': 'true' } })}`}`,
    ]);
  });

  it('EventBridge Scheduler’s role may invoke the schedule function and park a job’s event in that job’s dead-letter queue, nothing else', () => {
    const roles = dev.findResources('AWS::IAM::Role');
    const schedulerRoles = Object.keys(roles).filter((id) =>
      JSON.stringify(roles[id]?.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    expect(schedulerRoles).toHaveLength(1);
    const statements = Object.values(dev.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === schedulerRoles[0]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Cfn[]);
    const granted = statements.flatMap((st) =>
      [st.Resource].flat().map((r) => `${[st.Action].flat().join(',')} ${resource(r)}`),
    );
    expect(granted.sort()).toEqual(
      [
        'lambda:InvokeFunction Functionsschedule.Arn',
        'lambda:InvokeFunction Functionsschedule.Arn:*',
        ...schedules.map((s) => `sqs:SendMessage SchedulesDeadLetters${s.job.replaceAll('-', '')}.Arn`),
      ].sort(),
    );
  });
});

describe('secrets are read at run time, never put in an environment', () => {
  it('no function’s environment holds a secret value or a reference that resolves to one', () => {
    for (const template of [dev, synthStack('prod').template]) {
      const fns = template.findResources('AWS::Lambda::Function');
      for (const fn of Object.values(fns)) {
        const env = JSON.stringify(fn.Properties.Environment?.Variables ?? {});
        expect(env).not.toMatch(/resolve:secretsmanager|SecretString|ORIGIN_VERIFY"|secretsmanager:/i);
        expect(Object.keys(fn.Properties.Environment?.Variables ?? {})).not.toContain('ORIGIN_VERIFY');
      }
    }
  });

  it('each function is told of the secrets it may read, by ARN, and of no other', () => {
    const envOf = (name: string) => {
      const fns = dev.findResources('AWS::Lambda::Function');
      const id = Object.keys(fns).find((i) => stripHash(i) === `Functions${name}`) ?? '';
      return fns[id]?.Properties.Environment.Variables as Record<string, unknown>;
    };
    const secretVariables = (name: string) =>
      Object.entries(envOf(name))
        .filter(([key]) => key.endsWith('SECRET_ARN'))
        .map(([key, value]) => `${key}=${resource(value)}`)
        .sort();
    expect(secretVariables('public')).toEqual([
      'ORIGIN_VERIFY_SECRET_ARN=SecretsOriginVerify',
      'PHONE_KEY_SECRET_ARN=SecretsPersonalDataKey',
      'QR_SECRET_ARN=SecretsQrSecret',
    ]);
    expect(secretVariables('staff')).toEqual([
      'ORIGIN_VERIFY_SECRET_ARN=SecretsOriginVerify',
      'PHONE_KEY_SECRET_ARN=SecretsPersonalDataKey',
      'QR_SECRET_ARN=SecretsQrSecret',
    ]);
    expect(secretVariables('stream')).toEqual(['PHONE_KEY_SECRET_ARN=SecretsPersonalDataKey']);
    expect(secretVariables('schedule')).toEqual([]);
    // Topics and the archive are the stream function's alone.
    for (const name of ['public', 'staff', 'schedule']) {
      expect(Object.keys(envOf(name))).not.toContain('TOPIC_ARNS');
      expect(Object.keys(envOf(name))).not.toContain('AUDIT_ARCHIVE_BUCKET');
    }
    expect(Object.keys(envOf('stream'))).toEqual(
      expect.arrayContaining(['TOPIC_ARNS', 'AUDIT_ARCHIVE_BUCKET']),
    );
  });
});
