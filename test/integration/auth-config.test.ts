import { describe, expect, it } from 'vitest';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform({ HOSTED_UI_URL: 'https://bank-feedback.auth.ap-east-1.amazoncognito.com/' });

describe('GET /api/v1/auth/config', () => {
  it('names the hosted sign-in and the public client the sign-in page uses (code flow with PKCE)', async () => {
    const response = await fetch(`${ctx.url}/api/v1/auth/config`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      mode: 'oidc',
      authorizeUrl: 'https://bank-feedback.auth.ap-east-1.amazoncognito.com/oauth2/authorize',
      tokenUrl: 'https://bank-feedback.auth.ap-east-1.amazoncognito.com/oauth2/token',
      clientId: ctx.platform.deps.config.JWT_AUDIENCE,
      scope: 'openid email profile',
    });
  });
});
