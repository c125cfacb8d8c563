import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EdgeStack } from './edge-stack.js';
import { lambdaNames, repoRoot } from './lambda-bundles.js';
import { PlatformStack, type PlatformStackProps } from './platform-stack.js';
import { stageConfig } from './stage-config.js';

/** Where the stacks go, and the built pages and bundles (tests pass stand-ins). */
export interface AppOptions {
  account?: string | undefined;
  region?: string | undefined;
  webRoot?: string;
  lambdaRoot?: string;
}

/**
 * `npx cdk synth|deploy [-c stage=dev|prod]`: the platform stack in the bank's region and, where
 * the stage has CloudFront-scope WAF, the edge stack in us-east-1 (`BranchFeedback-<stage>-edge`),
 * whose web ACL ARN the platform stack reads through a cross-region reference (edge-stack.ts says
 * why). cdk-nag's AwsSolutions and Serverless checks run as validation plugins on every synth: an
 * unacknowledged finding stops it.
 */
export function buildApp(app = new App(), options: AppOptions = {}) {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const config = stageConfig(stage, app.node.tryGetContext('stages'));
  const account = options.account ?? process.env.CDK_DEFAULT_ACCOUNT;
  const region = options.region ?? process.env.CDK_DEFAULT_REGION ?? 'ap-east-1';
  const edge = config.waf.enabled
    ? new EdgeStack(app, `BranchFeedback-${stage}-edge`, {
        config,
        description: `Branch feedback and complaint platform (${stage}): WAF for CloudFront`,
        env: { account, region: config.waf.region },
        crossRegionReferences: true,
      })
    : undefined;
  const props: PlatformStackProps = {
    config,
    description: `Branch feedback and complaint platform (${stage})`,
    env: { account, region },
    crossRegionReferences: edge !== undefined,
    webAcl: edge ? { arn: edge.webAclArn, name: edge.webAclName, region: edge.region } : undefined,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.lambdaRoot ? { lambdaRoot: options.lambdaRoot } : {}),
  };
  const stack = new PlatformStack(app, `BranchFeedback-${stage}`, props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack, edge };
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
