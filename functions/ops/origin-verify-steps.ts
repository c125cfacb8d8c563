import { ORIGIN_VERIFY_HEADER } from '../http/origin-verify.js';

/** What the rotation knows of the deployment: the secret, and its stack and region (from the secret's tags and ARN). */
export interface RotatedOriginVerify {
  secretArn: string;
  region: string;
  /** The stack that made the secret (its `aws:cloudformation:stack-name` tag); a placeholder if untagged. */
  stackName: string;
  /** When the functions stop accepting the value CloudFront sends today. */
  previousAcceptedUntil: Date;
  overlapHours: number;
}

/** How long the functions cache the secret (aws-dependencies.ts), so how long a rotation takes to reach them all. */
export const SECRET_CACHE_MINUTES = 5;

/**
 * The step after `npm run rotate-origin-verify`: CloudFront must send the new value. Its origin
 * header is a `{{resolve:secretsmanager:…:SecretString:value}}` reference, which CloudFormation
 * reads only when it updates the distribution for some other change, so `cdk deploy` after a
 * rotation changes nothing; the header is set through the CloudFront API instead, with the value
 * taken from Secrets Manager inside the pipeline (never printed, never in a shell variable or a
 * command line). A later deploy that does update the distribution reads the same value.
 */
export function cloudFrontSteps(r: RotatedOriginVerify): string {
  const until = r.previousAcceptedUntil.toISOString();
  const jqProgram = `.value as $v | $d[0].DistributionConfig | (.Origins.Items[].CustomHeaders.Items[]? | select(.HeaderName == "${ORIGIN_VERIFY_HEADER}") | .HeaderValue) = $v`;
  return [
    `The functions accept the new value now and the old one until ${until} (ORIGIN_VERIFY_OVERLAP_HOURS=${r.overlapHours}).`,
    `Next, make CloudFront send the new value: wait ${SECRET_CACHE_MINUTES} minutes (the functions cache the secret that long), then, before ${until}, run (AWS CLI and jq):`,
    '',
    `  DIST=$(aws cloudformation describe-stacks --region ${r.region} --stack-name ${r.stackName} \\`,
    `    --query "Stacks[0].Outputs[?OutputKey=='DistributionId'].OutputValue" --output text)`,
    `  aws cloudfront get-distribution-config --id "$DIST" > distribution.json`,
    `  aws secretsmanager get-secret-value --region ${r.region} --secret-id '${r.secretArn}' --query SecretString --output text \\`,
    `    | jq --slurpfile d distribution.json '${jqProgram}' > updated.json`,
    `  aws cloudfront update-distribution --id "$DIST" --if-match "$(jq -r .ETag distribution.json)" \\`,
    `    --distribution-config file://updated.json > /dev/null`,
    '  rm distribution.json updated.json   # updated.json holds the value',
    `  aws cloudfront wait distribution-deployed --id "$DIST"`,
    '',
    '`cdk deploy` alone does not do it: the header is a {{resolve:secretsmanager}} reference CloudFormation',
    'reads only when something else in the distribution changes.',
    `If CloudFront still sends the old value at ${until}, every API request is refused (403) from then on.`,
  ].join('\n');
}
