import { type CfnElement, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IndexName } from '../functions/adapters/dynamodb/table-design.js';
import { acknowledge } from './acknowledge.js';

/**
 * Binding a resource to a function, in the spirit of Powertools' `fn.bindTable(table, 'RO')`:
 * one call sets the environment variable the code reads and grants exactly the actions named,
 * so a function can never be told about a resource it may not use, nor allowed one it is not
 * told about. No `grantReadWriteData`: each function lists the operations its code makes.
 */

/** The item-level DynamoDB actions the platform's code makes (a transaction authorizes each Put as PutItem). */
export type ItemAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem';

export interface WriteGrant {
  actions: readonly Exclude<ItemAction, 'GetItem' | 'BatchGetItem' | 'Query'>[];
  partitions: readonly string[];
}

export interface TableAccess {
  /** Reads of the table itself (GetItem and BatchGetItem of keys, Query on a partition). */
  read: readonly ('GetItem' | 'BatchGetItem' | 'Query')[];
  /** Indexes this function queries. */
  indexes: readonly IndexName[];
  /**
   * Writes, each with the partition-key prefixes (from adapters/dynamodb/keys.ts) it may touch:
   * `dynamodb:LeadingKeys` holds it to those partitions.
   */
  write: readonly WriteGrant[];
}

export function bindTable(fn: LambdaFunction, table: ITable, access: TableAccess): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  const dynamo = (actions: readonly string[]) => actions.map((a) => `dynamodb:${a}`);
  if (access.read.length > 0) {
    fn.addToRolePolicy(new PolicyStatement({ actions: dynamo(access.read), resources: [table.tableArn] }));
  }
  if (access.indexes.length > 0) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: access.indexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }
  for (const grant of access.write) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: dynamo(grant.actions),
        resources: [table.tableArn],
        // Every item of the platform is keyed `<PREFIX><id>` (keys.ts), so a write can be held to
        // the partitions of its own item types. `ForAllValues`: every key written must match
        // (a BatchWriteItem's too); writes always carry a key, so the set is never empty.
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': grant.partitions.map((prefix) => `${prefix}*`),
          },
        },
      }),
    );
  }
}

/**
 * The function may read one secret, named by its ARN in `variable`, at run time (cached by
 * Powertools): never its value in the environment. The platform's secrets use the AWS managed
 * key, so no KMS grant is needed.
 */
export function bindSecret(fn: LambdaFunction, variable: string, secret: ISecret): void {
  fn.addEnvironment(variable, secret.secretArn);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [secret.secretArn],
    }),
  );
}

/**
 * The function may publish to these topics (named in `TOPIC_ARNS`), which are encrypted with
 * `key`: a publisher needs a data key from it (GenerateDataKey) and to decrypt it (Decrypt).
 */
export function bindTopics(fn: LambdaFunction, topics: Record<string, ITopic>, key: IKey): void {
  fn.addEnvironment(
    'TOPIC_ARNS',
    Stack.of(fn).toJsonString(Object.fromEntries(Object.entries(topics).map(([n, t]) => [n, t.topicArn]))),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['sns:Publish'],
      resources: Object.values(topics).map((t) => t.topicArn),
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [key.keyArn],
    }),
  );
}

/** The function may write objects (never read, overwrite a lock or delete) under `prefix` of the bucket. */
export function bindBucketWriter(
  fn: LambdaFunction,
  variable: string,
  bucket: IBucket,
  prefix: string,
): void {
  fn.addEnvironment(variable, bucket.bucketName);
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }),
  );
  const bucketRef = Stack.of(fn).getLogicalId(bucket.node.defaultChild as CfnElement);
  acknowledge(
    fn,
    `One object per event, named when it is written: PutObject only, and only under ${prefix} of this bucket.`,
    `AwsSolutions-IAM5[Resource::<${bucketRef}.Arn>/${prefix}*]`,
  );
}
