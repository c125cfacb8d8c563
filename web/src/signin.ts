import { el, setToken } from './shared/session.js';

/**
 * Staff sign-in. On the local platform the dev issuer lists the seeded users and signs a token
 * for the one picked; in AWS the same page hands over to the bank's identity provider.
 */
interface LocalUser {
  username: string;
  displayName: string;
  roles: string[];
}

const panel = document.getElementById('panel') as HTMLElement;
const next = new URLSearchParams(location.search).get('next');
const safeNext = next?.startsWith('/') && !next.startsWith('//') ? next : undefined;

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

async function signInAs(username: string, roles: string[]) {
  const response = await fetch('/api/v1/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) {
    panel.append(el('p', { class: 'error', role: 'alert' }, '登录失败 · Sign-in failed'));
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
      return signInWithProvider(config as Parameters<typeof signInWithProvider>[0], panel, homeFor, safeNext);
    }
    panel.replaceChildren(
      el('p', {}, '请通过行内统一身份认证登录。Please sign in through the bank’s identity provider.'),
    );
    return;
  }
  const users = (await response.json()) as LocalUser[];
  panel.replaceChildren(
    el('h2', {}, '本地演示用户 · Local demo users'),
    el(
      'p',
      { class: 'muted' },
      '选择一个用户登录（仅本地平台）。Pick a user to sign in as (local platform only).',
    ),
    el(
      'ul',
      { class: 'users' },
      ...users.map((user) => {
        const button = el(
          'button',
          { type: 'button', 'data-username': user.username },
          el('strong', {}, user.displayName),
          el('span', { class: 'muted' }, `${user.username} · ${user.roles.join(', ')}`),
        );
        button.addEventListener('click', () => void signInAs(user.username, user.roles));
        return el('li', {}, button);
      }),
    ),
  );
}

void main();
