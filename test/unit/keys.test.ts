import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partitions } from '../../functions/adapters/dynamodb/keys.js';
import { tableDesign } from '../../functions/adapters/dynamodb/table-design.js';

const repo = join(import.meta.dirname, '../..');
const sourceOf = (path: string) =>
  readFileSync(join(repo, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '') // comments may show keys; code may not
    .replace(/\/\/.*$/gm, '');

describe('keys, declared once (functions/adapters/dynamodb/keys.ts)', () => {
  it('declares the partitions of the table and of every index the table design has', () => {
    expect(Object.keys(partitions).sort()).toEqual(
      ['table', ...tableDesign.globalSecondaryIndexes.map((i) => i.indexName)].sort(),
    );
  });

  for (const [index, prefixes] of Object.entries(partitions)) {
    it(`gives each item type in ${index} a partition no other type can share or begin`, () => {
      const values = Object.values(prefixes) as string[];
      for (const [i, a] of values.entries()) {
        for (const [j, b] of values.entries()) {
          if (i !== j) expect(b.startsWith(a), `${index}: "${b}" starts with "${a}"`).toBe(false);
        }
      }
    });
  }

  it('is the only place under adapters/dynamodb that spells a partition prefix', () => {
    const prefixes = Object.values(partitions).flatMap((p) => Object.values(p) as string[]);
    const dir = 'functions/adapters/dynamodb';
    const offenders = readdirSync(join(repo, dir))
      .filter((f) => f.endsWith('.ts') && f !== 'keys.ts')
      .flatMap((f) => {
        const code = sourceOf(join(dir, f));
        return prefixes
          .filter((p) => new RegExp(`['\`]${p.replace('#', '#')}`).test(code))
          .map((p) => `${f}: ${p}`);
      });
    expect(offenders).toEqual([]);
  });
});

describe('storage behind ports', () => {
  for (const folder of ['functions/services', 'functions/streams', 'functions/jobs', 'functions/domain']) {
    it(`no file in ${folder} imports the AWS SDK`, () => {
      const offenders = readdirSync(join(repo, folder), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.ts'))
        .filter((f) => /from '@aws-sdk\//.test(readFileSync(join(repo, folder, f), 'utf8')));
      expect(offenders).toEqual([]);
    });
  }
});
