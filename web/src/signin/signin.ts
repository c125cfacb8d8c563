import type { Translate } from '../shared/i18n.js';
import { pageLanguage } from '../shared/page-language.js';
import { el, setToken } from '../shared/session.js';
import { sameOriginPath } from './same-origin-path.js';
import { type SignInWords, texts } from './texts.js';

/**
 * Staff sign-in. On the local platform the dev issuer lists the seeded users and signs a token
 * for the one picked; in AWS the same page hands over to the bank's identity provider.
 */
interface LocalUser {
  username: string;
  displayName: string;
  roles: string[];
}

/** Draws the panel's content; drawn again in the new language when it changes. */
export type Show = (draw: () => Node[]) => void;

const panel = document.getElementById('panel') as HTMLElement;
const next = new URLSearchParams(location.search).get('next');
const safeNext = sameOriginPath(next, location.href);
let redraw = () => {};
const { t } = pageLanguage(texts, () => redraw());

const show: Show = (draw) => {
  redraw = () => panel.replaceChildren(...draw());
  redraw();
};

/**
 * Where a user goes after signing in without a `next`: admins to outlets, head office and outlet
 * managers to the dashboard, department staff (and anyone else) to the inbox.
 */
const homeFor = (roles: string[]) =>
  roles.includes('admin')
    ? '/admin'
    : roles.includes('head-office') || roles.some((role) => role.startsWith('outlet:'))
      ? '/dashboard'
      : '/staff';

/** A role in words (`dept:cards` is department staff: the user's name says which department). */
function roleName(role: string, words: Translate<SignInWords>): string {
  const key = `role.${role.split(':')[0]}`;
  return key in texts['zh-CN'] ? words(key as keyof SignInWords) : words('role.other');
}

async function signInAs(username: string, roles: string[]) {
  const response = await fetch('/api/v1/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) {
    panel.append(el('p', { class: 'error', role: 'alert' }, t('failed')));
    return;
  }
  const { token } = (await response.json()) as { token: string };
  setToken(token);
  location.href = safeNext ?? homeFor(roles);
}

async function main() {
  const response = await fetch('/api/v1/local/users');
  if (!response.ok) {
    // Not the local platform: hand over to the identity provider the deployment names.
    const config = (await (await fetch('/api/v1/auth/config')).json()) as { mode: string };
    if (config.mode === 'oidc') {
      const { signInWithProvider } = await import('./signin-oidc.js');
      return signInWithProvider(
        config as Parameters<typeof signInWithProvider>[0],
        show,
        t,
        homeFor,
        safeNext,
      );
    }
    return show(() => [el('p', {}, t('useProvider'))]);
  }
  const users = (await response.json()) as LocalUser[];
  show(() => [
    el('h2', {}, t('localUsers')),
    el('p', { class: 'muted' }, t('pickUser')),
    el(
      'ul',
      { class: 'users' },
      ...users.map((user) => {
        const roles = [...new Set(user.roles.map((role) => roleName(role, t)))].join(t('listSeparator'));
        const button = el(
          'button',
          { type: 'button', 'data-username': user.username },
          el('strong', {}, user.displayName),
          el('span', { class: 'muted' }, `${user.username} · ${roles}`),
        );
        button.addEventListener('click', () => void signInAs(user.username, user.roles));
        return el('li', {}, button);
      }),
    ),
  ]);
}

void main();
