/**
 * Line 3 of the suite: the bad-input properties of test/support/bad-input.ts (the customers'
 * endpoints) and test/support/staff-bad-input.ts (the signed-in reads under every role), at volume.
 */
import { randomUUID } from 'node:crypto';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { badInputProperties, describeStatuses } from '../support/bad-input.js';
import {
  STAFF_BAD_INPUT_ENDPOINTS,
  STAFF_ROLES,
  staffBadInputProperties,
} from '../support/staff-bad-input.js';
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
    const staff = await staffBadInputProperties(platform, size.runs);
    const statuses = new Map(report.statuses);
    for (const [status, n] of staff.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
    const fiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const failures = [...report.failures, ...staff.failures];
    const changed = Object.keys({ ...report.itemsBefore, ...report.itemsAfter }).filter(
      (type) => report.itemsBefore[type] !== report.itemsAfter[type],
    );
    const endpoints = 10;
    return {
      line: '3 bad input',
      done: `${report.inputs.toLocaleString('en')} fast-check inputs over ${endpoints} public endpoints (${size.runs} runs each, plus shrinking): arbitrary JSON, huge and control-character strings, __proto__ keys, extra fields, wrong types and content types, junk tokens; ${staff.inputs.toLocaleString('en')} over ${STAFF_BAD_INPUT_ENDPOINTS} signed-in reads under ${STAFF_ROLES.length} roles: dates from the calendar's edges to the year 9999 and past it, granularities, periods, ids, views, cursors, limits`,
      ok: failures.length === 0 && changed.length === 0,
      figures: {
        '5xx': fiveHundreds,
        'items stored':
          changed.length === 0
            ? 0
            : changed
                .map((t) => `${t} ${report.itemsBefore[t] ?? 0}→${report.itemsAfter[t] ?? 0}`)
                .join(', '),
      },
      notes: [
        `statuses ${describeStatuses(statuses)}`,
        `most DynamoDB requests in one signed-in call: ${Object.entries(staff.mostRequests)
          .map(([endpoint, n]) => `${endpoint} ${n}`)
          .join(', ')}`,
        ...failures,
      ],
      ms: Date.now() - started,
    };
  } finally {
    await platform.stop();
  }
}
