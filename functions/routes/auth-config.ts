import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '../dependencies.js';
import { createRouter } from '../http/app-env.js';

const SignInConfigSchema = z
  .discriminatedUnion('mode', [
    z.object({
      mode: z.literal('oidc'),
      authorizeUrl: z.url(),
      tokenUrl: z.url(),
      clientId: z.string(),
      scope: z.string(),
    }),
    z.object({ mode: z.literal('none') }),
  ])
  .openapi('SignInConfig');

const route = createRoute({
  method: 'get',
  path: '/auth/config',
  tags: ['staff'],
  summary: 'How staff sign in here: the hosted sign-in to send them to (authorization code with PKCE)',
  responses: {
    200: { description: 'Sign-in settings', content: { 'application/json': { schema: SignInConfigSchema } } },
  },
});

/**
 * Tells the sign-in page where to send staff. In AWS that is the Cognito hosted UI of the stack's
 * user pool; the page runs the authorization-code flow with PKCE (a public client, no secret) and
 * keeps the ID token, which the API verifies like any other. Locally the dev issuer's own sign-in
 * (the local routes) is used instead, and this answers `none`.
 */
export function authConfigRoutes(deps: Dependencies) {
  return createRouter().openapi(route, (c) => {
    const base = deps.config.HOSTED_UI_URL?.replace(/\/$/, '');
    if (!base) return c.json({ mode: 'none' as const }, 200);
    return c.json(
      {
        mode: 'oidc' as const,
        authorizeUrl: `${base}/oauth2/authorize`,
        tokenUrl: `${base}/oauth2/token`,
        clientId: deps.config.JWT_AUDIENCE,
        scope: 'openid email profile',
      },
      200,
    );
  });
}
