import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The platform's secrets, generated at deploy time and never in the template:
 * - the QR secret `{"current": …}` that signs outlet keys (rotated by `npm run rotate-qr-secret`,
 *   which keeps the previous one valid for the grace period);
 * - the personal-data key `{"keyMaterial": …}` that phone numbers are encrypted and hashed under;
 * - the origin-verify value `{"value": …}` CloudFront sends to the API: the HTTP functions refuse
 *   every request without it (one that skipped CloudFront and its WAF), and believe the viewer's
 *   address only with it (rotated by `npm run rotate-origin-verify`, which keeps the previous
 *   value valid for an overlap while CloudFront's header is changed).
 */
export class PlatformSecrets extends Construct {
  readonly qrSecret: Secret;
  readonly personalDataKey: Secret;
  readonly originVerify: Secret;

  constructor(scope: Construct, id: string, props: { retain: boolean }) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const generated = (name: string, key: string, description: string) => {
      const secret = new Secret(this, name, {
        description,
        removalPolicy,
        generateSecretString: {
          secretStringTemplate: '{}',
          generateStringKey: key,
          excludePunctuation: true,
          passwordLength: 48,
        },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotation is an operator step, not a Lambda: QR secrets rotate with a grace period (npm run rotate-qr-secret), the personal-data key needs a re-encryption, and the origin-verify value needs CloudFront’s origin header changed within its overlap (npm run rotate-origin-verify), so automatic rotation would break printed posters, stored data or every API request.',
      });
      return secret;
    };
    this.qrSecret = generated('QrSecret', 'current', 'Signs the outlet keys in QR codes');
    this.personalDataKey = generated(
      'PersonalDataKey',
      'keyMaterial',
      'Encrypts and hashes customers’ phone numbers and names',
    );
    this.originVerify = generated(
      'OriginVerify',
      'value',
      'Proves a request to the API came through CloudFront',
    );
  }
}
