import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { DepartmentConfig } from '../functions/config/departments.js';

/**
 * Staff sign-in: a Cognito user pool whose groups are the platform's roles (`admin`,
 * `head-office`, `dept:<id>` per department). Outlet managers get `outlet:<outletId>` groups,
 * created by operations when an outlet gets a manager (outlets are data, not infrastructure).
 * The app verifies the pool's ID tokens against its JWKS with the same code as the local dev
 * issuer, reading the roles from `cognito:groups`.
 */
export class StaffAuth extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(
    scope: Construct,
    id: string,
    props: {
      departments: readonly DepartmentConfig[];
      publicBaseUrl: string;
      requireMfa: boolean;
      retain: boolean;
      domainPrefix: string;
    },
  ) {
    super(scope, id);
    this.pool = new UserPool(this, 'StaffPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: props.requireMfa ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const roles = ['admin', 'head-office', ...props.departments.map((d) => `dept:${d.id}`)];
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role.replace(':', '-')}`, {
        userPoolId: this.pool.userPoolId,
        groupName: role,
        description: `Platform role ${role}`,
      });
    }
    this.client = this.pool.addClient('StaffPages', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.publicBaseUrl}/signin`],
        logoutUrls: [`${props.publicBaseUrl}/signin`],
      },
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      preventUserExistenceErrors: true,
    });
    // The hosted sign-in pages the staff sign-in page hands over to (authorization code + PKCE).
    this.domain = this.pool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    if (!props.requireMfa) {
      Validations.of(this.pool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: 'MFA is optional in the dev stage only; prod requires it (cdk.json stages.prod.requireMfa).',
      });
    }
    Validations.of(this.pool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'Threat protection comes with the PLUS feature plan; the legacy AdvancedSecurityMode flag nag reads is superseded by it.',
    });
  }

  /** The hosted UI's base URL (`/oauth2/authorize`, `/oauth2/token` under it). */
  get hostedUiUrl(): string {
    return this.domain.baseUrl();
  }

  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.pool.userPoolId}`;
  }
}
