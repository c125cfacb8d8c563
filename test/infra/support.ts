import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../infra/app.js';
import { lambdaNames } from '../../infra/lambda-bundles.js';
import { PlatformStack } from '../../infra/platform-stack.js';
import { stageConfig } from '../../infra/stage-config.js';

/** A page folder standing in for dist/web, so these tests need no web build. */
export function fakeWebRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>test</title>');
  return dir;
}

/** Folders standing in for dist/lambda: synthesis only needs each function's asset folder to exist. */
export function fakeLambdaRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-'));
  for (const name of lambdaNames) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'index.mjs'), `export const handler = () => '${name}';`);
  }
  return dir;
}

/** cdk.json's stages, with some keys of one stage replaced. */
export function stagesWith(stage: string, overrides: Record<string, unknown> = {}) {
  const stages = cdkJson.context.stages as Record<string, Record<string, unknown>>;
  return { ...stages, [stage]: { ...stages[stage], ...overrides } };
}

/** Synthesizes the platform stack alone for a stage without bundling the Lambdas (the bundle test does that). */
export function synthStack(stage: 'dev' | 'prod', overrides: Record<string, unknown> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new PlatformStack(app, `Test-${stage}`, {
    config: stageConfig(stage, stagesWith(stage, overrides)),
    env: { account: '123456789012', region: 'ap-east-1' },
    webRoot: fakeWebRoot(),
    lambdaRoot: fakeLambdaRoot(),
  });
  return { stack, template: Template.fromStack(stack) };
}

/**
 * The whole app as `cdk synth -c stage=<stage>` builds it (the platform stack and, with WAF, the
 * edge stack in us-east-1), with both cdk-nag packs as validation plugins.
 */
export function synthApp(stage: 'dev' | 'prod', overrides: Record<string, unknown> = {}) {
  const app = new App({
    context: { 'aws:cdk:bundling-stacks': [], stage, stages: stagesWith(stage, overrides) },
  });
  const built = buildApp(app, {
    account: '123456789012',
    region: 'ap-east-1',
    webRoot: fakeWebRoot(),
    lambdaRoot: fakeLambdaRoot(),
  });
  return { ...built, synth: () => app.synth() };
}
