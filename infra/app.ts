import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { lambdaNames, repoRoot } from './lambda-bundles.js';
import { PlatformStack } from './platform-stack.js';
import { stageConfig } from './stage-config.js';

/**
 * `npx cdk synth|deploy [-c stage=dev|prod]`. cdk-nag's AwsSolutions checks run as a validation
 * plugin on every synth: an unacknowledged finding stops it.
 */
export function buildApp(app = new App()) {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const config = stageConfig(stage, app.node.tryGetContext('stages'));
  const stack = new PlatformStack(app, `BranchFeedback-${stage}`, {
    config,
    description: `Branch feedback and complaint platform (${stage})`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'ap-east-1' },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(repoRoot, 'infra/app.ts')) {
  const outputs: [string, string][] = [
    ['dist/web/index.html', 'The pages are not built'],
    ...lambdaNames.map((name): [string, string] => [
      `dist/lambda/${name}/index.mjs`,
      `The ${name} function is not built`,
    ]),
  ];
  for (const [built, what] of outputs) {
    if (!existsSync(resolve(repoRoot, built))) {
      console.error(`${what}: run \`npm run build\` first (cdk.json does it for you).`);
      process.exit(1);
    }
  }
  buildApp().app.synth();
}
