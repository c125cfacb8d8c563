import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { useSecurityHeaders } from '../apps/http-app.js';

/**
 * The local server answers only requests addressed to this machine by a loopback name. Listening
 * on 127.0.0.1 is not enough: a page on any site can make the browser resolve the site's own name
 * to 127.0.0.1 (DNS rebinding) and then read this server's answers as its own, a staff token for
 * any seeded user from /api/v1/local/token included. Its requests still name that site in Host.
 *
 * Returns the 421 refusal for a request whose Host is not `localhost`, `127.0.0.1` or `[::1]` with
 * `port`, and undefined for one the server may serve.
 */
export function loopbackOnly(port: number) {
  const hosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
  const refusal = new Hono();
  useSecurityHeaders(refusal);
  refusal.all('*', (c) =>
    c.json(
      {
        error: 'misdirected',
        message: `This server answers requests for ${[...hosts].join(', ')} only`,
      },
      421,
    ),
  );
  return (request: Request, env: HttpBindings): Response | Promise<Response> | undefined =>
    hosts.has(env.incoming.headers.host?.toLowerCase() ?? '') ? undefined : refusal.fetch(request);
}
