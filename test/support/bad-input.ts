/**
 * Bad input against every public endpoint, as fast-check properties: arbitrary JSON, huge and
 * control-character strings, `__proto__` and `constructor` keys, extra fields, wrong types, wrong
 * content types, junk tokens. Shared by `test/integration/bad-input-properties.test.ts` (a few
 * hundred runs) and the reliability suite (thousands).
 *
 * The rules: no answer is ever 5xx; every input built to be invalid answers 4xx; and nothing is
 * stored from a refused request: the table holds the same items afterwards (counted by type; the
 * tracking limits' counters are the one thing a refused try is meant to write, and are left out),
 * and the rating and complaint the inputs aim at are unchanged.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import type { LocalPlatform } from '../../functions/local/platform.js';
import { fileComplaint } from './complaints.js';
import { keyFor, newSubmissionId, postJson } from './customer.js';

export interface BadInputReport {
  inputs: number;
  statuses: Map<number, number>;
  /** Each broken rule once per endpoint, with fast-check's smallest counterexample. */
  failures: string[];
  itemsBefore: Record<string, number>;
  itemsAfter: Record<string, number>;
}

/** Items in the table by type, leaving out the tracking limits' counters (a wrong try writes one on purpose). */
export async function countItems(platform: LocalPlatform): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await platform.table.doc.send(
      new ScanCommand({
        TableName: platform.table.name,
        ProjectionExpression: 'pk, #type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (String(item.pk).startsWith('LIMIT#')) continue;
      const type = String(item.type ?? 'untyped');
      counts[type] = (counts[type] ?? 0) + 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const controlString = fc.string({
  unit: fc.constantFrom(
    '\u0000',
    '\u0007',
    '\b',
    '\t',
    '\n',
    '\r',
    '\u001b',
    '\u007f',
    '\u2028',
    '\ufeff',
    'a',
    '王',
  ),
  maxLength: 200,
});
/** Up to 100,000 characters: past the 64 KB body limit and every field's maximum. */
const hugeString = fc
  .tuple(fc.constantFrom('x', '王', '\u0000', '<script>'), fc.integer({ min: 501, max: 100_000 }))
  .map(([c, n]) => c.repeat(Math.ceil(n / c.length)));
const weirdString = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  controlString,
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '%00',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
    '${7*7}',
    "' OR 1=1 --",
    '\uD800',
  ),
);
/** A value of any JSON type, strings hostile ones. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  weirdString,
  hugeString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
);

/** Any value that is not a valid one for the field (the field's own check decides validity). */
const wrongValue = (valid: (v: unknown) => boolean) => anyValue.filter((v) => !valid(v));

/** JSON text for `base` with `__proto__` / `constructor` keys spliced in (JSON.stringify drops them). */
function withPrototypeKeys(base: Record<string, unknown>, smuggled: Record<string, unknown>): string {
  const json = JSON.stringify(base);
  const extra = `"__proto__":${JSON.stringify(smuggled)},"constructor":{"prototype":${JSON.stringify(smuggled)}}`;
  return json === '{}' ? `{${extra}}` : `{${extra},${json.slice(1)}`;
}

const extraFields = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['__proto__'].includes(k)),
  anyValue,
  { maxKeys: 4 },
);

const WRONG_CONTENT_TYPES = [
  undefined,
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
];

// ---------------------------------------------------------------------------------------------
// The endpoints

interface Target {
  /** Stored rating and complaint the inputs aim at. */
  url: string;
  k: string;
  ratingId: string;
  ratingSubmissionId: string;
  trackingNo: string;
}

type Case = {
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Built to be invalid: must answer 4xx. Otherwise anything under 500 will do. */
  invalid: boolean;
};

/** encodeURIComponent that accepts lone surrogates (sent as U+FFFD, as a browser would). */
const enc = (s: string) =>
  encodeURIComponent(
    s.replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => {
      const code = c.charCodeAt(0);
      const pair =
        code < 0xdc00
          ? (all.charCodeAt(i + 1) & 0xfc00) === 0xdc00
          : (all.charCodeAt(i - 1) & 0xfc00) === 0xd800;
      return pair ? c : '\uFFFD';
    }),
  );
const isScore = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;
const isUuid = (v: unknown) =>
  typeof v === 'string' &&
  /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(v);

/** A JSON body built from `base` with one required field broken (wrong type, hostile, missing, smuggled). */
function brokenBody(
  base: () => Record<string, unknown>,
  fields: Record<string, (v: unknown) => boolean>,
): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...Object.keys(fields)),
      fc.constantFrom('wrong', 'missing', 'smuggled'),
      fc.boolean(),
      extraFields,
    )
    .chain(([field, how, extra, extras]) =>
      wrongValue(fields[field] ?? (() => false)).map((bad) => {
        const body: Record<string, unknown> = { ...(extra ? extras : {}), ...base() };
        if (how === 'wrong') {
          body[field] = bad;
          return JSON.stringify(body);
        }
        const good = body[field];
        delete body[field];
        // Missing, or present only where a careless merge or a prototype would find it.
        return how === 'missing' ? JSON.stringify(body) : withPrototypeKeys(body, { [field]: good });
      }),
    );
}

function cases(t: Target): Record<string, fc.Arbitrary<Case>> {
  const rating = () => ({
    outletId: 'sh-jingan',
    k: t.k,
    submissionId: newSubmissionId(),
    rating: 4,
    lang: 'zh-CN',
  });
  const details = () => ({
    outletId: 'sh-jingan',
    k: t.k,
    submissionId: t.ratingSubmissionId,
    comment: 'ok',
  });
  const complaint = () => ({
    outletId: 'sh-jingan',
    k: t.k,
    submissionId: newSubmissionId(),
    category: 'waiting-time',
    description: '排队一个多小时，只开了一个窗口。',
    contact: { name: '王小明', phone: '13812345678' },
    preferredChannel: 'call',
    consent: true,
  });
  const post = (label: string, path: string, body: fc.Arbitrary<string>, invalid = true) =>
    body.map((b): Case => ({ label, method: 'POST', path, body: b, invalid }));
  const contentTypes = (label: string, path: string, base: () => Record<string, unknown>) =>
    fc.constantFrom(...WRONG_CONTENT_TYPES).map(
      (type): Case => ({
        label,
        method: 'POST',
        path,
        body: JSON.stringify(base()),
        headers: type ? { 'content-type': type } : {},
        invalid: true,
      }),
    );
  const anyJson = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    hugeString,
    fc.constantFrom('', '{', '{"a":', 'null', '[]', '{"__proto__":{"rating":5}}', '\u0000'),
  );
  const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), weirdString, { maxKeys: 4 });
  const qs = (q: Record<string, unknown>) =>
    Object.entries(q)
      .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
      .join('&');
  return {
    'GET /outlets/{id}': fc.oneof(
      fc.tuple(weirdString, weirdString, query).map(([id, k, q]) => ({
        label: 'GET /outlets/{id}',
        method: 'GET' as const,
        path: `/outlets/${enc(id)}?k=${enc(k)}&${qs(q)}`,
        invalid: true,
      })),
      fc
        .tuple(
          weirdString.filter((l) => !['zh-CN', 'zh-TW', 'en', ''].includes(l)),
          query,
        )
        .map(([lang, q]) => ({
          label: 'GET /outlets/{id}',
          method: 'GET' as const,
          path: `/outlets/sh-jingan?k=${enc(t.k)}&lang=${enc(lang)}&${qs(q)}`,
          invalid: true,
        })),
    ),
    'GET /outlets?q=': query.map((q) => ({
      label: 'GET /outlets?q=',
      method: 'GET' as const,
      path: `/outlets?${qs(q)}`,
      invalid: false,
    })),
    'POST /feedback': fc.oneof(
      post('POST /feedback', '/feedback', anyJson),
      post(
        'POST /feedback',
        '/feedback',
        brokenBody(rating, {
          outletId: (v) => v === 'sh-jingan',
          k: (v) => v === t.k,
          submissionId: isUuid,
          rating: isScore,
        }),
      ),
      post(
        'POST /feedback',
        '/feedback',
        fc.tuple(anyValue, anyValue).map(([aspects, comment]) => {
          const body = { ...rating(), aspects: { speed: aspects, manner: 9 }, comment };
          return JSON.stringify(body);
        }),
      ),
      contentTypes('POST /feedback', '/feedback', rating),
    ),
    'POST /feedback/{id}/details': fc.oneof(
      post('POST /feedback/{id}/details', `/feedback/${t.ratingId}/details`, anyJson),
      post(
        'POST /feedback/{id}/details',
        `/feedback/${t.ratingId}/details`,
        brokenBody(details, {
          outletId: (v) => v === 'sh-jingan',
          k: (v) => v === t.k,
          submissionId: (v) => v === t.ratingSubmissionId,
        }),
      ),
      post(
        'POST /feedback/{id}/details',
        `/feedback/${t.ratingId}/details`,
        fc
          .oneof(
            hugeString,
            fc.integer(),
            fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'string'),
          )
          .map((comment) => JSON.stringify({ ...details(), comment })),
      ),
      fc.tuple(weirdString, anyJson).map(([id, body]) => ({
        label: 'POST /feedback/{id}/details',
        method: 'POST' as const,
        path: `/feedback/${enc(id)}/details`,
        body,
        invalid: true,
      })),
      contentTypes('POST /feedback/{id}/details', `/feedback/${t.ratingId}/details`, details),
    ),
    'POST /complaints': fc.oneof(
      post('POST /complaints', '/complaints', anyJson),
      post(
        'POST /complaints',
        '/complaints',
        brokenBody(complaint, {
          outletId: (v) => v === 'sh-jingan',
          submissionId: isUuid,
          category: (v) => v === 'waiting-time',
          description: (v) => typeof v === 'string' && v.trim().length >= 10 && v.length <= 2000,
          contact: () => false,
          preferredChannel: (v) => v === 'call' || v === 'sms',
          consent: (v) => v === true,
        }),
      ),
      // A junk staff token: refused (401), never taken as a customer's complaint.
      fc
        .tuple(
          weirdString.map((t) => t.replace(/[^\x21-\x7e]/g, '') || 'x'),
          fc.constantFrom('Bearer ', 'bearer ', 'Bearer  '),
        )
        .map(([token, scheme]) => ({
          label: 'POST /complaints',
          method: 'POST' as const,
          path: '/complaints',
          body: JSON.stringify(complaint()),
          headers: { 'content-type': 'application/json', authorization: `${scheme}${token}` },
          invalid: true,
        })),
      contentTypes('POST /complaints', '/complaints', complaint),
    ),
    'GET /complaints/{no}': fc.tuple(weirdString, weirdString, query).map(([no, last4, q]) => ({
      label: 'GET /complaints/{no}',
      method: 'GET' as const,
      path: `/complaints/${enc(no || t.trackingNo)}?phoneLast4=${enc(last4)}&${qs(q)}`,
      invalid: true,
    })),
    'POST /complaints/{no}/satisfaction': fc.oneof(
      post('POST /complaints/{no}/satisfaction', `/complaints/${t.trackingNo}/satisfaction`, anyJson),
      fc.tuple(anyValue, anyValue, weirdString).map(([verdict, satisfied, no]) => ({
        label: 'POST /complaints/{no}/satisfaction',
        method: 'POST' as const,
        path: `/complaints/${enc(no || t.trackingNo)}/satisfaction`,
        body: withPrototypeKeys({ phoneLast4: '5678', verdict, satisfied }, { verdict: 'satisfied' }),
        invalid: true,
      })),
      // The right phone digits on a complaint not yet resolved: refused (409), and nothing changes.
      fc.constantFrom('satisfied', 'review', 'close-unsatisfied').map((verdict) => ({
        label: 'POST /complaints/{no}/satisfaction',
        method: 'POST' as const,
        path: `/complaints/${t.trackingNo}/satisfaction`,
        body: JSON.stringify({ phoneLast4: '5678', verdict }),
        invalid: true,
      })),
      contentTypes('POST /complaints/{no}/satisfaction', `/complaints/${t.trackingNo}/satisfaction`, () => ({
        phoneLast4: '5678',
        verdict: 'satisfied',
      })),
    ),
    'GET /complaint-categories': query.map((q) => ({
      label: 'GET /complaint-categories',
      method: 'GET' as const,
      path: `/complaint-categories?${qs(q)}`,
      invalid: false,
    })),
    'GET /bank-contact': fc.tuple(query, anyJson).map(([q, body]) => ({
      label: 'GET /bank-contact',
      method: 'POST' as const,
      path: `/bank-contact?${qs(q)}`,
      body,
      invalid: true, // POST on a GET route
    })),
    'GET /auth/config': fc.tuple(query, weirdString).map(([q, token]) => ({
      label: 'GET /auth/config',
      method: 'GET' as const,
      path: `/auth/config?${qs(q)}`,
      headers: { 'accept-language': token.replace(/[^\t\x20-\x7e]/g, '?') },
      invalid: false,
    })),
  };
}

/** Runs `runsPerEndpoint` inputs against each public endpoint of a running platform. */
export async function badInputProperties(
  platform: LocalPlatform,
  runsPerEndpoint: number,
  options: { seed?: number } = {},
): Promise<BadInputReport> {
  const k = await keyFor(platform, 'sh-jingan');
  const ratingSubmissionId = newSubmissionId();
  const rated = await postJson(`${platform.url}/api/v1/feedback`, {
    outletId: 'sh-jingan',
    k,
    submissionId: ratingSubmissionId,
    rating: 3,
    comment: 'before',
  });
  const { trackingNo } = await fileComplaint(platform, 'sh-jingan');
  const target: Target = {
    url: platform.url,
    k,
    ratingId: String(rated.body.id),
    ratingSubmissionId,
    trackingNo,
  };
  const snapshot = async () =>
    JSON.stringify([
      await platform.deps.repositories.complaints.get(trackingNo),
      (await platform.deps.repositories.submissions.find(ratingSubmissionId)) ?? null,
    ]);
  await platform.poller.drain(30_000);
  const before = await snapshot();
  const itemsBefore = await countItems(platform);

  const report: BadInputReport = {
    inputs: 0,
    statuses: new Map(),
    failures: [],
    itemsBefore,
    itemsAfter: {},
  };
  const answered = new WeakMap<Case, number>();
  for (const [endpoint, arbitrary] of Object.entries(cases(target))) {
    const result = await fc.check(
      fc.asyncProperty(arbitrary, async (input) => {
        let response: Response;
        try {
          response = await fetch(`${platform.url}/api/v1${input.path}`, {
            method: input.method,
            headers: input.headers ?? { 'content-type': 'application/json' },
            // Bytes, not a string: fetch would add a text/plain content type of its own to a string.
            ...(input.body === undefined ? {} : { body: new TextEncoder().encode(input.body) }),
          });
          await response.arrayBuffer();
        } catch (error) {
          throw new Error(`no answer: ${(error as Error).message} ${String((error as Error).cause)}`);
        }
        report.inputs++;
        answered.set(input, response.status);
        report.statuses.set(response.status, (report.statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) return false;
        return !input.invalid || (response.status >= 400 && response.status < 500);
      }),
      { numRuns: runsPerEndpoint, ...(options.seed === undefined ? {} : { seed: options.seed }) },
    );
    if (result.failed) {
      const input = result.counterexample?.[0];
      const status = input ? answered.get(input) : undefined;
      const example = `${JSON.stringify(input).slice(0, 600)} ${result.errorInstance ? String(result.errorInstance).slice(0, 300) : ''}`;
      report.failures.push(
        `${endpoint} answered ${status}: ${example} (seed ${result.seed}, path ${result.counterexamplePath})`,
      );
    }
  }
  await platform.poller.drain(30_000);
  report.itemsAfter = await countItems(platform);
  const after = await snapshot();
  if (after !== before)
    report.failures.push(`the targeted rating or complaint changed: ${before} → ${after}`);
  return report;
}

export const describeStatuses = (statuses: Map<number, number>) =>
  [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
