import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageContentSecurityPolicy } from '../../functions/http/security-headers.js';
import { synthStack } from './support.js';

/**
 * The photo bucket as the README ("Photos") describes it: encrypted with a key of our own, no
 * public access, TLS only, a lifecycle rule by the stage's retention, POST from the pages' origin
 * only; only the staff function (which serves supervision and /mystery/*) may put and get photos,
 * and only under photos/; the pages' CSP names its origin and no other.
 */
let dev: Template;
beforeAll(() => {
  dev = synthStack('dev', { photos: { retentionDays: 400 } }).template;
});

const stripHash = (id: string) => id.replace(/[0-9A-F]{8}$/, '');
/** A template value as text: a Ref as `<Logical>`, GetAtt as `<Logical>.<Attr>`, Joins joined. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v.Ref) return `<${stripHash(String(v.Ref))}>`;
  if (v['Fn::GetAtt']) {
    const [id, attribute] = v['Fn::GetAtt'] as [string, string];
    return `<${stripHash(id)}.${attribute}>`;
  }
  if (v['Fn::Join']) return (v['Fn::Join'] as [string, unknown[]])[1].map(text).join('');
  return JSON.stringify(value);
}
function photoBucket(template: Template) {
  const buckets = template.findResources('AWS::S3::Bucket');
  const id = Object.keys(buckets).find((i) => stripHash(i) === 'PhotosBucket');
  expect(id).toBeDefined();
  return { id: id ?? '', properties: buckets[id ?? '']?.Properties as Record<string, unknown> };
}

describe('the photo bucket', () => {
  it('is encrypted with its own KMS key, blocks public access, keeps access logs, deletes photos after the retention, and takes POSTs from the pages’ origin only', () => {
    const { properties } = photoBucket(dev);
    expect(properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^PhotosKey/), 'Arn'] },
          },
        },
      ],
    });
    expect(properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'photos/' });
    expect(properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'photo-retention',
          Prefix: 'photos/',
          ExpirationInDays: 400,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Status: 'Enabled',
        },
      ],
    });
    const cors = (properties.CorsConfiguration as { CorsRules: Record<string, unknown>[] }).CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0]).toMatchObject({ AllowedMethods: ['POST', 'GET'] });
    const origins = (cors[0]?.AllowedOrigins ?? []) as string[];
    expect(origins).toHaveLength(1);
    expect(String(origins[0])).toMatch(/^https:\/\/[^/]+$/);
    dev.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Encrypts inspection and rectification photos',
      EnableKeyRotation: true,
    });
  });

  it('refuses any request not over TLS (deny aws:SecureTransport false)', () => {
    const { id } = photoBucket(dev);
    dev.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('may be written and read by the staff function only, and only under photos/', () => {
    const { id } = photoBucket(dev);
    const policies = dev.findResources('AWS::IAM::Policy');
    const touching = Object.entries(policies).flatMap(([policyId, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[])
        .filter((st) => JSON.stringify(st.Resource).includes(id))
        .map((st) => ({ policyId: stripHash(policyId), actions: st.Action, resource: text(st.Resource) })),
    );
    expect(touching).toEqual([
      {
        policyId: expect.stringMatching(/^Functionsstaff/),
        actions: ['s3:PutObject', 's3:GetObject'],
        resource: `<${stripHash(id)}.Arn>/photos/*`,
      },
    ]);
    const fns = dev.findResources('AWS::Lambda::Function');
    for (const [fnId, fn] of Object.entries(fns)) {
      const variables = Object.keys(fn.Properties.Environment?.Variables ?? {});
      if (stripHash(fnId) === 'Functionsstaff')
        expect(variables).toEqual(expect.arrayContaining(['PHOTO_BUCKET', 'PHOTO_RETENTION_DAYS']));
      else expect(variables, fnId).not.toContain('PHOTO_BUCKET');
    }
  });

  it('is the one origin the pages’ CSP adds, to connect-src (uploads) and img-src (reads)', () => {
    const [policy] = Object.values(dev.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = text(
      policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
        .ContentSecurityPolicy,
    );
    const { id } = photoBucket(dev);
    const photoOrigin = `https://<${stripHash(id)}>.s3.ap-east-1.amazonaws.com`;
    const signIn = /connect-src 'self' (\S+)/.exec(csp)?.[1] ?? '';
    expect(signIn).toMatch(/^https:\/\/[a-z0-9-]+\.auth\.ap-east-1\.amazoncognito\.com$/);
    expect(csp).toBe(pageContentSecurityPolicy({ connectSources: [signIn], photoOrigin }));
    expect(csp).toContain(`img-src 'self' data: blob: ${photoOrigin};`);
    expect(csp).toContain(`connect-src 'self' ${signIn} ${photoOrigin};`);
  });
});
