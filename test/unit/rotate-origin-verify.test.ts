import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/http/origin-verify.js';
import { cloudFrontSteps } from '../../functions/ops/origin-verify-steps.js';

describe('the step npm run rotate-origin-verify prints', () => {
  const steps = cloudFrontSteps({
    secretArn: 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:OriginVerify-AbCdEf',
    region: 'ap-east-1',
    stackName: 'BranchFeedback-prod',
    previousAcceptedUntil: new Date('2026-11-26T02:00:00.000Z'),
    overlapHours: 48,
  });

  it('finds the stack’s distribution and sets its origin-verify header from the secret, conditional on the config it read', () => {
    expect(steps).toContain('describe-stacks --region ap-east-1 --stack-name BranchFeedback-prod');
    expect(steps).toContain("OutputKey=='DistributionId'");
    expect(steps).toContain(`select(.HeaderName == "${ORIGIN_VERIFY_HEADER}")`);
    expect(steps).toContain(
      "--secret-id 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:OriginVerify-AbCdEf'",
    );
    expect(steps).toContain('--if-match "$(jq -r .ETag distribution.json)"');
    expect(steps).toContain('aws cloudfront wait distribution-deployed');
  });

  it('says by when, after the functions’ cache, and what happens if it is not done', () => {
    expect(steps).toContain('wait 5 minutes');
    expect(steps).toContain('before 2026-11-26T02:00:00.000Z');
    expect(steps).toMatch(
      /still sends the old value at 2026-11-26T02:00:00\.000Z, every API request is refused/,
    );
  });

  it('never puts the value on a command line or in a shell variable', () => {
    expect(steps).not.toMatch(/--arg |VALUE=|--header-value/);
    expect(steps).toContain('.value as $v');
  });
});
