import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../adapters/dynamodb/client.js';
import { OutletRepository } from '../adapters/dynamodb/outlet-repository.js';
import { RoutingRulesRepository } from '../adapters/dynamodb/routing-rules-repository.js';
import { defaultRoutingRules } from '../domain/default-routing-rules.js';
import { seedOutlets, seedRegions } from './seed-data.js';

const SEED_MARKER = { pk: 'LOCAL#seed', sk: 'v1' };

/**
 * Writes the demo bank once: the marker is written last and conditionally, so a second start
 * (or a start interrupted half-way, which simply seeds again) never duplicates or overwrites
 * what a developer changed.
 */
export async function seedIfEmpty(table: Table, now: Date): Promise<boolean> {
  const { Item } = await table.doc.send(new GetCommand({ TableName: table.name, Key: SEED_MARKER }));
  if (Item) return false;
  const outlets = new OutletRepository(table);
  for (const region of seedRegions) await outlets.putRegion(region);
  const at = now.toISOString();
  for (const outlet of seedOutlets) {
    // 'create' keeps what a developer changed if an interrupted first start seeds again.
    await outlets.put({ ...outlet, active: true, createdAt: at, updatedAt: at }, 'create');
  }
  const rules = new RoutingRulesRepository(table);
  if ((await rules.get()).version === 0) await rules.save(defaultRoutingRules, 0, 'seed', now);
  await table.doc.send(new PutCommand({ TableName: table.name, Item: { ...SEED_MARKER, seededAt: at } }));
  return true;
}
