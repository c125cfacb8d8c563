import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The managed policy every Lambda gets to write its own logs. */
export const BASIC_EXECUTION_ROLE =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/**
 * Acknowledges cdk-nag findings on a construct, all for the same written reason. Findings of
 * rules that report several (IAM5 wildcards) are named one by one, so a new wildcard still fails.
 */
export function acknowledge(construct: IConstruct, reason: string, ...ids: string[]): void {
  Validations.of(construct).acknowledge(...ids.map((id) => ({ id, reason })));
}
