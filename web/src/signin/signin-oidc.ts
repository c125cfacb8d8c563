import type { Translate } from '../shared/i18n.js';
import { challengeFor, newVerifier } from '../shared/pkce.js';
import { el, readClaims, setToken } from '../shared/session.js';
import { sameOriginPath } from './same-origin-path.js';
import type { Show } from './signin.js';
import type { SignInWords } from './texts.js';

/**
 * Staff sign-in through the identity provider's hosted pages (Cognito in AWS): the authorization
 * code flow with PKCE for a public client. The verifier and state live in this tab only; the ID
 * token that comes back is what the API verifies against the issuer's JWKS.
 */
interface OidcConfig {
  mode: 'oidc';
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
}

const FLOW = 'bf.oidc';
const redirectUri = () => `${location.origin}/signin`;

export async function signInWithProvider(
  config: OidcConfig,
  show: Show,
  t: Translate<SignInWords>,
  home: (roles: string[]) => string,
  next: string | undefined,
) {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code) return finish(config, code, params.get('state'), show, t, home);
  show(() => {
    const start = el('button', { type: 'button', class: 'primary' }, t('withProvider'));
    start.addEventListener('click', () => void begin(config, next));
    return [el('p', {}, start)];
  });
}

async function begin(config: OidcConfig, next: string | undefined) {
  const verifier = newVerifier();
  const state = newVerifier();
  sessionStorage.setItem(FLOW, JSON.stringify({ verifier, state, next }));
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state,
    code_challenge: await challengeFor(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

async function finish(
  config: OidcConfig,
  code: string,
  state: string | null,
  show: Show,
  t: Translate<SignInWords>,
  home: (roles: string[]) => string,
) {
  const flow = JSON.parse(sessionStorage.getItem(FLOW) ?? 'null') as {
    verifier: string;
    state: string;
    next?: string;
  } | null;
  sessionStorage.removeItem(FLOW);
  if (!flow || flow.state !== state) {
    return show(() => [el('p', { class: 'error', role: 'alert' }, t('expired'))]);
  }
  const response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: flow.verifier,
    }),
  });
  const tokens = (await response.json().catch(() => ({}))) as { id_token?: string };
  const user = tokens.id_token ? readClaims(tokens.id_token) : undefined;
  if (!response.ok || !tokens.id_token || !user) {
    return show(() => [el('p', { class: 'error', role: 'alert' }, t('failed'))]);
  }
  setToken(tokens.id_token);
  // Checked again on the way back: sessionStorage is this origin's, but the check costs nothing.
  location.replace(sameOriginPath(flow.next, location.href) ?? home(user.roles));
}
