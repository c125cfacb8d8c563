import { type CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../functions/http/origin-verify.js';
import {
  pageContentSecurityPolicy,
  REFERRER_POLICY,
  STRICT_TRANSPORT_SECURITY_SECONDS,
} from '../functions/http/security-headers.js';
import { type PageRoute, pageRoutes } from '../web/page-routes.js';
import { acknowledge, BASIC_EXECUTION_ROLE } from './acknowledge.js';

/**
 * The pages: built by Vite into dist/web, kept in a private bucket, served by CloudFront, which
 * also forwards `/api/*` to the HTTP API so pages and API share one origin (no CORS). A small
 * CloudFront function maps page paths to their HTML files from web/page-routes.ts, the same list
 * the local server uses.
 */
export interface WebProps {
  apiDomain: string;
  /**
   * The value CloudFront sends the API in ORIGIN_VERIFY_HEADER: a dynamic reference, which
   * CloudFormation resolves when it updates the distribution.
   */
  originVerify: string;
  webRoot: string;
  retain: boolean;
  /** The identity provider's origin the sign-in page fetches tokens from (its one CSP exception). */
  signInOrigin: string;
  /** The photo bucket's origin: uploads (connect-src) and photo reads (img-src) go to it. */
  photoOrigin: string;
  /** The WAF web ACL (CloudFront scope, us-east-1) in front of everything; none where WAF is off. */
  webAclArn?: string | undefined;
  /** The bank's own domain and its ACM certificate (us-east-1). */
  domain?: { names: string[]; certificateArn: string } | undefined;
}

export class Web extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  /** Access logs of CloudFront and the buckets. */
  readonly logs: Bucket;
  readonly headers: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logs = new Bucket(this, 'Logs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED, // CloudFront standard logs need ACLs
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy,
      autoDeleteObjects: !props.retain,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket; logging it into itself would loop.',
    });
    this.logs = logs;
    this.headers = pageHeadersPolicy(this, props.signInOrigin, props.photoOrigin);
    this.bucket = new Bucket(this, 'Pages', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'pages/',
      removalPolicy,
      autoDeleteObjects: !props.retain,
    });
    const rewrite = new CloudFrontFunction(this, 'PageRewrite', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Maps page paths to their HTML files (web/page-routes.ts)',
      code: FunctionCode.fromInline(pageRewriteFunction(pageRoutes)),
    });
    // The viewer's address, set by CloudFront over anything the client sent (see client-address.ts).
    const viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Tells the API the viewer address',
      code: FunctionCode.fromInline(
        `function handler(event) { event.request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip }; return event.request; }`,
      ),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Branch feedback pages and API',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domain
        ? {
            domainNames: props.domain.names,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.headers,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomain, {
            customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerify },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.webRoot)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // CDK's shared provider function for bucket deployments lives at the stack's root.
    for (const provider of Stack.of(this).node.children.filter((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    )) {
      acknowledge(
        provider,
        'CDK’s own BucketDeployment provider: its runtime, log policy and the S3 wildcards it needs to sync the built pages are set by aws-cdk-lib.',
        'AwsSolutions-L1',
        BASIC_EXECUTION_ROLE,
        'AwsSolutions-IAM5[Resource::*]',
        ...['Abort*', 'DeleteObject*', 'GetBucket*', 'GetObject*', 'List*'].map(
          (a) => `AwsSolutions-IAM5[Action::s3:${a}]`,
        ),
        `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*]`,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${nagAccount(Stack.of(this))}-${nagRegion(Stack.of(this))}/*]`,
        'Serverless-LambdaDLQ',
        'Serverless-LambdaAsyncFailureDestination',
        'Serverless-LambdaLatestVersion',
        'Serverless-LambdaTracing',
        'Serverless-LambdaStarPermissions',
      );
    }
    acknowledge(
      this.distribution,
      'Customers of a bank’s outlets may be anywhere; no geo restriction.',
      'AwsSolutions-CFR1',
    );
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'This stage has no CloudFront-scope WAF (stage configuration waf.enabled is false: the China regions offer regional WAF only); the API’s per-instance limits still apply.',
        'AwsSolutions-CFR2',
      );
    }
    if (!props.domain) {
      acknowledge(
        this.distribution,
        'Without the bank’s own domain (stage configuration "domain") the distribution serves the *.cloudfront.net certificate, whose TLS policy cannot be set; with it, TLS 1.2 (2021) is the minimum.',
        'AwsSolutions-CFR4',
      );
    }
  }
}

/**
 * The pages' security headers, from functions/http/security-headers.ts (the same the local page
 * server sends): the strict CSP with the sign-in provider as its one `connect-src` exception,
 * frames refused, the referrer policy and HSTS; each overrides whatever the origin sent.
 */
function pageHeadersPolicy(
  scope: Construct,
  signInOrigin: string,
  photoOrigin: string,
): ResponseHeadersPolicy {
  const referrer = Object.values(HeadersReferrerPolicy).find((p) => p === REFERRER_POLICY);
  if (!referrer) throw new Error(`CloudFront has no referrer policy "${REFERRER_POLICY}"`);
  return new ResponseHeadersPolicy(scope, 'PageHeaders', {
    comment: 'Security headers of the pages (functions/http/security-headers.ts)',
    securityHeadersBehavior: {
      contentSecurityPolicy: {
        contentSecurityPolicy: pageContentSecurityPolicy({ connectSources: [signInOrigin], photoOrigin }),
        override: true,
      },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: referrer, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(STRICT_TRANSPORT_SECURITY_SECONDS),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
    },
  });
}

/** How cdk-nag writes the stack's region and account in a finding: the value, or the pseudo parameter. */
const nagRegion = (stack: Stack) => (Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region);
const nagAccount = (stack: Stack) => (Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account);

/** The CloudFront function's source: exact paths and prefixes from the shared route list. */
export function pageRewriteFunction(routes: readonly PageRoute[]): string {
  const exact: Record<string, string> = {};
  const prefixes: [string, string][] = [];
  for (const route of routes) {
    if (route.path.endsWith('/') && route.path !== '/') prefixes.push([route.path, `/${route.file}`]);
    else exact[route.path] = `/${route.file}`;
  }
  return [
    `var exact = ${JSON.stringify(exact)};`,
    `var prefixes = ${JSON.stringify(prefixes)};`,
    'function handler(event) {',
    '  var request = event.request;',
    '  var page = exact[request.uri];',
    '  for (var i = 0; !page && i < prefixes.length; i++) {',
    '    if (request.uri.indexOf(prefixes[i][0]) === 0) page = prefixes[i][1];',
    '  }',
    '  if (page) request.uri = page;',
    '  return request;',
    '}',
  ].join('\n');
}
