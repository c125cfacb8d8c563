import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, BASIC_EXECUTION_ROLE } from './acknowledge.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * How every Lambda is bundled: one ESM file per handler, minified, AWS SDK v3 left to the
 * runtime. The bundle test in test/infra builds the same way and checks that nothing from
 * functions/local (dev issuer, local routes, stream poller) can reach a Lambda.
 */
export const bundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/*'],
  // Some CommonJS dependencies call require(); ESM bundles need it defined.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
};

export const handlers = {
  http: 'functions/handlers/http.ts',
  stream: 'functions/handlers/stream.ts',
  schedule: 'functions/handlers/schedule.ts',
} as const;

export interface PlatformFunctionsProps {
  environment: Record<string, string>;
  /** The table's logical id, which names the index wildcard of its grants. */
  tableRef: string;
  logRetentionDays: number;
  retain: boolean;
}

/** The three Lambdas: the hono app behind the API, the stream (outbox) handler, the scheduled jobs. */
export class PlatformFunctions extends Construct {
  readonly http: NodejsFunction;
  readonly stream: NodejsFunction;
  readonly schedule: NodejsFunction;

  constructor(scope: Construct, id: string, props: PlatformFunctionsProps) {
    super(scope, id);
    const { tableRef } = props;
    const make = (
      name: keyof typeof handlers,
      description: string,
      timeout: Duration,
      memorySize: number,
    ) => {
      const logGroup = new LogGroup(this, `${name}Logs`, {
        retention: retention(props.logRetentionDays),
        removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      const fn = new NodejsFunction(this, name, {
        description,
        entry: resolve(repoRoot, handlers[name]),
        handler: 'handler',
        projectRoot: repoRoot,
        depsLockFilePath: resolve(repoRoot, 'package-lock.json'),
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize,
        timeout,
        tracing: Tracing.ACTIVE,
        loggingFormat: LoggingFormat.JSON,
        logGroup,
        bundling,
        environment: {
          ...props.environment,
          POWERTOOLS_SERVICE_NAME: 'branch-feedback',
          NODE_OPTIONS: '--enable-source-maps',
        },
      });
      acknowledge(
        fn,
        'The product owner fixes the Lambda runtime at Node.js 22 (LTS), the version the code is tested against.',
        'AwsSolutions-L1',
      );
      acknowledge(
        fn,
        'The standard minimal policy for writing the function’s own logs.',
        BASIC_EXECUTION_ROLE,
      );
      acknowledge(
        fn,
        'CDK grants scoped to this stack: the table’s indexes (index/*); X-Ray trace segments, which have no resource ARN (*); KMS data keys for the encrypted topics.',
        'AwsSolutions-IAM5[Resource::*]',
        `AwsSolutions-IAM5[Resource::<${tableRef}.Arn>/index/*]`,
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      );
      return fn;
    };
    this.http = make('http', 'The hono app: customer, staff and admin API', Duration.seconds(15), 1024);
    this.stream = make(
      'stream',
      'The table stream: delivers complaint notifications (outbox)',
      Duration.seconds(60),
      512,
    );
    this.schedule = make(
      'schedule',
      'Scheduled jobs: rollups and the time-limit sweeper',
      Duration.minutes(5),
      1024,
    );
  }

  get all(): NodejsFunction[] {
    return [this.http, this.stream, this.schedule];
  }
}

function retention(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  const fit = allowed.filter((v) => v >= days && v > 0).sort((a, b) => a - b)[0];
  return (fit ?? RetentionDays.INFINITE) as RetentionDays;
}
