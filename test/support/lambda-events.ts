import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';

/** An HTTP API (payload 2.0) event as API Gateway sends it to a function, with its own request id. */
export function httpApiEvent(options: {
  method?: string;
  path: string;
  /** The query string, without its `?`. */
  query?: string;
  requestId: string;
  headers?: Record<string, string>;
}): LambdaEvent {
  const method = options.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: options.path,
    rawQueryString: options.query ?? '',
    headers: { host: 'api.example', ...options.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: options.path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId: options.requestId,
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_514_400_000,
    },
    isBase64Encoded: false,
  } as unknown as LambdaEvent;
}

/** The context Lambda passes with an invocation. */
export const lambdaContext = {
  functionName: 'public',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:public',
  memoryLimitInMB: '512',
  awsRequestId: 'lambda-invocation-1',
  logGroupName: '/aws/lambda/public',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
} as unknown as LambdaContext;

/** What a function answers API Gateway with (payload 2.0). */
export type HttpApiAnswer = { statusCode: number; headers: Record<string, string>; body: string };
