/** Line 3 of the suite: the bad-input properties of test/support/bad-input.ts, at volume. */
import { randomUUID } from 'node:crypto';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { badInputProperties, describeStatuses } from '../support/bad-input.js';
import type { Line } from './table.js';

export async function badInputLine(endpoint: string, size: { runs: number }): Promise<Line> {
  const started = Date.now();
  const platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: endpoint,
    tableName: `reliability-input-${randomUUID()}`,
    scheduler: false,
    env: { LOG_LEVEL: 'ERROR', RATE_LIMIT_IP_PER_MINUTE: '100000000' },
  });
  try {
    const report = await badInputProperties(platform, size.runs);
    const fiveHundreds = [...report.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const changed = Object.keys({ ...report.itemsBefore, ...report.itemsAfter }).filter(
      (type) => report.itemsBefore[type] !== report.itemsAfter[type],
    );
    const endpoints = 10;
    return {
      line: '3 bad input',
      done: `${report.inputs.toLocaleString('en')} fast-check inputs over ${endpoints} public endpoints (${size.runs} runs each, plus shrinking): arbitrary JSON, huge and control-character strings, __proto__ keys, extra fields, wrong types and content types, junk tokens`,
      ok: report.failures.length === 0 && changed.length === 0,
      figures: {
        '5xx': fiveHundreds,
        'items stored':
          changed.length === 0
            ? 0
            : changed
                .map((t) => `${t} ${report.itemsBefore[t] ?? 0}→${report.itemsAfter[t] ?? 0}`)
                .join(', '),
      },
      notes: [`statuses ${describeStatuses(report.statuses)}`, ...report.failures],
      ms: Date.now() - started,
    };
  } finally {
    await platform.stop();
  }
}
