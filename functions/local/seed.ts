import type { Patience, Table } from '../adapters/dynamodb/client.js';
import { LocalSeedRepository } from '../adapters/dynamodb/local-seed-repository.js';
import type { Repositories } from '../adapters/dynamodb/repositories.js';
import { defaultRoutingRules } from '../domain/default-routing-rules.js';
import { seedOutlets, seedRegions } from './seed-data.js';

/**
 * The data layout this checkout writes. It changes when items are keyed differently (v2: a
 * rating is keyed by its submission; v3: rankings and warnings indexed in their order, warnings
 * counted by rule and region); a local table from an older layout is not reused.
 */
export const LAYOUT_VERSION = 'v3';

/**
 * Seeding and the demo history wait longer than a request does: nobody is waiting on an answer,
 * and on a loaded machine a call (a rollup's query, a GC pause in DynamoDB Local) can take more than
 * the 2 s a request is given, which failed the whole first start. 30 s a try, eight tries with the
 * SDK's growing backoff between them.
 */
export const SEEDING_PATIENCE: Patience = {
  connectionTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  maxAttempts: 8,
};

export class OldLayoutError extends Error {
  constructor(dataDir: string | undefined) {
    super(
      `The local data${dataDir ? ` in ${dataDir}` : ''} was written by an older version of the platform, whose items are keyed differently. Move it aside (or set DATA_DIR to a new folder) and start again: a fresh demo bank is seeded.`,
    );
  }
}

/**
 * Writes the demo bank once: the marker is written last, so a second start (or a start
 * interrupted half-way, which simply seeds again) never duplicates or overwrites what a
 * developer changed. `history`, when given, runs after the bank is written and before the
 * marker: it belongs to the first seeding only, and a start interrupted while it ran runs it
 * again (its items are keyed by a seeded generator, so the same day rewrites the same items).
 */
export async function seedIfEmpty(
  table: Table,
  repositories: Repositories,
  now: Date,
  dataDir?: string,
  history?: () => Promise<void>,
): Promise<boolean> {
  const markers = new LocalSeedRepository(table);
  const seeded = await markers.seededVersions();
  if (seeded.includes(LAYOUT_VERSION)) return false;
  if (seeded.length > 0) throw new OldLayoutError(dataDir);
  const { outlets, routingRules: rules } = repositories;
  for (const region of seedRegions) await outlets.putRegion(region);
  const at = now.toISOString();
  for (const outlet of seedOutlets) {
    // 'create' keeps what a developer changed if an interrupted first start seeds again.
    await outlets.put({ ...outlet, active: true, createdAt: at, updatedAt: at }, 'create');
  }
  if ((await rules.get()).version === 0) await rules.save(defaultRoutingRules, 0, 'seed', now);
  await history?.();
  await markers.markSeeded(LAYOUT_VERSION, now);
  return true;
}
