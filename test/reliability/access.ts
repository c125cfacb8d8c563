/** Line 4 of the suite: the access matrix and the forged tokens of test/support/, in one line. */
import { randomUUID } from 'node:crypto';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { describeAccess, runAccessMatrix } from '../support/access-matrix.js';
import { postJson } from '../support/customer.js';
import { platformWithKnownIssuerKey, tryForgeries } from '../support/forged-tokens.js';
import type { Line } from './table.js';

export async function accessLine(endpoint: string, size: { forgedPerKind: number }): Promise<Line> {
  const started = Date.now();
  const platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: endpoint,
    tableName: `reliability-access-${randomUUID()}`,
    scheduler: false,
    env: { LOG_LEVEL: 'ERROR', RATE_LIMIT_IP_PER_MINUTE: '100000' },
  });
  let matrix: Awaited<ReturnType<typeof runAccessMatrix>>;
  try {
    matrix = await runAccessMatrix(platform, async (username) =>
      String((await postJson(`${platform.url}/api/v1/local/token`, { username })).body.token),
    );
  } finally {
    await platform.stop();
  }
  const forging = await platformWithKnownIssuerKey(endpoint);
  let tokens: Awaited<ReturnType<typeof tryForgeries>>;
  try {
    tokens = await tryForgeries(forging.platform, forging.privateJwk, size.forgedPerKind);
  } finally {
    await forging.stop();
  }
  const wrongMatrix = matrix.filter((r) => !r.ok);
  const wrongTokens = tokens.filter((t) => t.status !== t.expected);
  const allows = matrix.filter((r) => r.expect.some((s) => s < 300)).length;
  const forged = tokens.filter((t) => t.expected === 401);
  const kinds = new Set(forged.map((t) => t.kind));
  return {
    line: '4 access',
    done: `${matrix.length} role × endpoint × record cases (${allows} allows, ${matrix.length - allows} denies, from the README's table); ${forged.length} forged-token requests of ${kinds.size} kinds (${[...kinds].join(', ')}) and ${tokens.length - forged.length} genuine controls`,
    ok: wrongMatrix.length === 0 && wrongTokens.length === 0,
    figures: {
      'wrong allows/denies': wrongMatrix.length,
      'forged accepted': wrongTokens.filter((t) => t.expected === 401).length,
    },
    notes: [
      ...wrongMatrix.map(describeAccess),
      ...wrongTokens.map((t) => `${t.kind} on ${t.path}: ${t.status}, expected ${t.expected}`),
    ],
    ms: Date.now() - started,
  };
}
