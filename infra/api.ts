import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { publicEndpoints } from '../functions/apps/public-app.js';
import { acknowledge } from './acknowledge.js';
import { retention } from './functions.js';

/**
 * The HTTP API, split by trust boundary: the customers' endpoints (listed once, in
 * functions/apps/public-app.ts) go to the public function, everything else under `/api/` to the
 * staff function. API Gateway matches the most specific route first. Authentication is the
 * app's own (bearer JWTs verified against the issuer's JWKS, outlet keys on the customer
 * routes), so it runs the same locally and in AWS.
 */
export class PlatformApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(
    scope: Construct,
    id: string,
    props: {
      publicHandler: IFunction;
      staffHandler: IFunction;
      retain: boolean;
      /** Requests per second across the API, steady and burst (stage configuration). */
      throttle: { rateLimit: number; burstLimit: number };
      logRetentionDays: number;
    },
  ) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', {
      createDefaultStage: false,
      description: 'Branch feedback API',
    });
    const customers = new HttpLambdaIntegration('Public', props.publicHandler);
    for (const endpoint of publicEndpoints) {
      this.api.addRoutes({
        path: endpoint.path,
        methods: [HttpMethod[endpoint.method as keyof typeof HttpMethod]],
        integration: customers,
      });
    }
    const staff = new HttpLambdaIntegration('Staff', props.staffHandler);
    this.api.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration: staff });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: retention(props.logRetentionDays),
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // One JSON object per request, with variables HTTP APIs support.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    acknowledge(
      this,
      'Customer routes are public by design (outlet keys and tracking-number checks guard them); staff and admin routes verify bearer JWTs in the app, the same code as locally.',
      'AwsSolutions-APIG4',
    );
    acknowledge(
      this,
      'HTTP APIs do not support X-Ray tracing; each function traces its own work (Tracing.ACTIVE).',
      'Serverless-APIGWXrayEnabled',
    );
  }

  get domainName(): string {
    return `${this.api.apiId}.execute-api.${this.api.stack.region}.amazonaws.com`;
  }
}
