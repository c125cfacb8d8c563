import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, BASIC_EXECUTION_ROLE } from './acknowledge.js';
import type { LambdaName } from './lambda-bundles.js';

export { repoRoot } from './lambda-bundles.js';

export interface PlatformFunctionsProps {
  /** Where `npm run build:functions` put each function's bundle (`<root>/<name>/index.mjs`). */
  lambdaRoot: string;
  /**
   * What every function reads at start (config/env.ts validates it): stage, base URL, time zone,
   * log level and the token issuer. Nothing secret; each function's resources (table, secrets,
   * topics, bucket) are added by the bindings in infra/bindings.ts, each only where it is used.
   */
  environment: Record<string, string>;
  logRetentionDays: number;
  retain: boolean;
}

interface FunctionSpec {
  description: string;
  /**
   * How the function is invoked, for cdk-nag's Serverless dead-letter rules: synchronously (API
   * Gateway answers the caller, the stream event source keeps its own on-failure queue), or
   * asynchronously (the schedules), where the failure destination is configured by its caller's
   * construct (infra/schedules.ts).
   */
  invokedAsync: boolean;
  timeout: Duration;
  memorySize: number;
}

/**
 * What each function does and how much it gets. The public function answers customers in a few
 * milliseconds of CPU and a DynamoDB round trip, so it is sized for cost (512 MB); the others do
 * heavier work less often.
 */
export const functionSpecs: Record<LambdaName, FunctionSpec> = {
  public: {
    description: 'Customers: outlet look-up, ratings, complaints, tracking',
    timeout: Duration.seconds(10),
    memorySize: 512,
    invokedAsync: false,
  },
  staff: {
    description: 'Signed-in staff: inbox and actions, outlets, routing rules, statistics',
    timeout: Duration.seconds(15),
    memorySize: 1024,
    invokedAsync: false,
  },
  stream: {
    description: 'The table stream: delivers notifications (outbox)',
    timeout: Duration.seconds(60),
    memorySize: 512,
    invokedAsync: false,
  },
  /**
   * Sized from `npm run bench:scale` (README, "Statistics at the bank's size"; 3 December 2026,
   * 3,000 outlets in 50 regions, DynamoDB Local on a shared 2-core machine). The heaviest run is the
   * daily close, the one job that touches every outlet: 3.21 requests and 10.3 ms of its own CPU an
   * outlet, peak 240 MB (138 MB before it started). Linearly at 10,000 outlets: about 103 s of CPU
   * and 32,100 requests, which at one vCPU (1,769 MB buys one; the job is one Node.js thread, so
   * more buys nothing) and 10 ms a request over the 16 a run keeps in flight is about 123 s, and
   * its memory about 480 MB if all of it grew with the outlets. A refresh's largest run (a backlog
   * of 20,000 stale outlet-days, MAX_STALE_OUTLET_DAYS_PER_RUN) measured 7.8 ms of CPU and 2.18
   * requests an outlet-day: about 182 s. So 1,769 MB (was 1,024: 0.58 vCPU would make the close
   * about 210 s, too close to the old 300 s timeout) and 10 minutes: the close at 10,000 outlets
   * in about a fifth of the timeout, the largest refresh in under a third, memory under a third.
   * The timeout stays under the refresh's 15-minute cadence, so two refreshes never overlap. A
   * refresh with nothing new takes 30 ms, so the larger size costs next to nothing on the 96
   * refreshes a day.
   */
  schedule: {
    description: 'Scheduled jobs: rollups, warnings and the time-limit sweeper',
    timeout: Duration.minutes(10),
    memorySize: 1769,
    invokedAsync: true,
  },
};

/**
 * The four Lambdas, with the same defaults: Node.js 22 on arm64, the bundle built by
 * infra/lambda-bundles.ts (ESM, split into lazily loaded chunks, the AWS SDK bundled with the
 * rest), X-Ray tracing, JSON logs in a log group with retention.
 */
export class PlatformFunctions extends Construct {
  readonly byName: Record<LambdaName, LambdaFunction>;

  constructor(scope: Construct, id: string, props: PlatformFunctionsProps) {
    super(scope, id);
    const make = (name: LambdaName) => {
      const spec = functionSpecs[name];
      const logGroup = new LogGroup(this, `${name}Logs`, {
        retention: retention(props.logRetentionDays),
        removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      const fn = new LambdaFunction(this, name, {
        description: spec.description,
        // Source maps stay in dist/lambda beside the build, not in the function: with
        // --enable-source-maps Node parses them at every cold start (16 ms for the public one).
        code: Code.fromAsset(join(props.lambdaRoot, name), { exclude: ['*.map', '**/*.map'] }),
        handler: 'index.handler',
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: spec.memorySize,
        timeout: spec.timeout,
        tracing: Tracing.ACTIVE,
        loggingFormat: LoggingFormat.JSON,
        logGroup,
        environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'branch-feedback' },
      });
      acknowledge(
        fn,
        'The product owner fixes the Lambda runtime at Node.js 22 (LTS); the bundles are built for it (esbuild target node22).',
        'AwsSolutions-L1',
      );
      acknowledge(
        fn,
        'The standard minimal policy for writing the function’s own logs.',
        BASIC_EXECUTION_ROLE,
      );
      acknowledge(
        fn,
        'X-Ray trace segments and telemetry (xray:PutTraceSegments, xray:PutTelemetryRecords) have no resource ARN: AWS documents "*" as their only resource.',
        'AwsSolutions-IAM5[Resource::*]',
        'Serverless-LambdaStarPermissions',
      );
      acknowledge(
        fn,
        'The product owner fixes the Lambda runtime at Node.js 22 (LTS); the bundles are built for it (esbuild target node22), and a newer runtime is adopted with a tested release.',
        'Serverless-LambdaLatestVersion',
      );
      if (!spec.invokedAsync) {
        acknowledge(
          fn,
          'Invoked synchronously only (API Gateway answers the caller; the stream event source has its own on-failure queue): no asynchronous event can be lost, so a DLQ or failure destination would never receive anything.',
          'Serverless-LambdaDLQ',
          'Serverless-LambdaAsyncFailureDestination',
        );
      }
      return fn;
    };
    this.byName = {
      public: make('public'),
      staff: make('staff'),
      stream: make('stream'),
      schedule: make('schedule'),
    };
  }

  get all(): LambdaFunction[] {
    return Object.values(this.byName);
  }
}

/** The shortest retention CloudWatch offers that keeps logs at least `days`. */
export function retention(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  const fit = allowed.filter((v) => v >= days && v > 0).sort((a, b) => a - b)[0];
  return (fit ?? RetentionDays.INFINITE) as RetentionDays;
}
