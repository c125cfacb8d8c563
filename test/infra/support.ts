import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json' with { type: 'json' };
import type { DepartmentConfig } from '../../functions/config/departments.js';
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

/** Synthesizes the platform stack for a stage without bundling the Lambdas (the bundle test does that). */
export function synthStack(
  stage: 'dev' | 'prod',
  departments?: readonly DepartmentConfig[],
  overrides: Record<string, unknown> = {},
) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stages = cdkJson.context.stages as Record<string, Record<string, unknown>>;
  const stack = new PlatformStack(app, `Test-${stage}`, {
    config: stageConfig(stage, { ...stages, [stage]: { ...stages[stage], ...overrides } }),
    env: { account: '123456789012', region: 'ap-east-1' },
    webRoot: fakeWebRoot(),
    lambdaRoot: fakeLambdaRoot(),
    ...(departments ? { departments } : {}),
  });
  return { stack, template: Template.fromStack(stack) };
}
