import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's one account: the local photo store signs with it, and the gate verifies with it. */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Bytes the gate buffers of one POST upload at most; past it S3's EntityTooLarge (no policy allows more). */
const MAX_POST_BYTES = 32 * 1024 * 1024;

export interface LocalS3 {
  /** The gate's origin (`http://127.0.0.1:<port>`): the S3 endpoint, path-style, the pages' CSP allows. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server for `npm start` and the tests: s3rver (from npm) stores the
 * objects and verifies presigned GETs (SigV4 query signatures, their expiry), but it takes a
 * presigned POST without looking at its policy. So it listens on a port of its own and this gate
 * stands in front of it: every request passes through unchanged, except a browser-form POST
 * upload, whose policy the gate checks as S3 does before passing it on (`checkPostPolicy`), and
 * refuses with S3's status and XML error. Objects live in a temporary folder, or under `dataDir`.
 */
export async function startLocalS3(options: {
  bucket: string;
  dataDir?: string | undefined;
  now?: () => Date;
  /** The pages' origin: a page's upload (a cross-origin form POST) may read the answer. */
  allowOrigin?: string;
}): Promise<LocalS3> {
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 'local-s3-'));
  mkdirSync(directory, { recursive: true });
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: options.bucket, configs: [] }],
  });
  const inner = (await s3.run()) as AddressInfo;
  const now = options.now ?? (() => new Date());

  const gate = createServer((req, res) => {
    if (options.allowOrigin) res.setHeader('access-control-allow-origin', options.allowOrigin);
    const contentType = req.headers['content-type'] ?? '';
    if (req.method === 'POST' && contentType.startsWith('multipart/form-data')) {
      readBody(req)
        .then(async (body) => {
          if (!body)
            return s3Error(
              res,
              400,
              'EntityTooLarge',
              'Your proposed upload exceeds the maximum allowed size',
            );
          const bucket = decodeURIComponent((req.url ?? '/').split('?')[0]?.split('/')[1] ?? '');
          const form = await new Request('http://gate/', {
            method: 'POST',
            headers: { 'content-type': contentType },
            body: new Uint8Array(body),
          }).formData();
          const refusal = checkPostPolicy(form, bucket, now(), LOCAL_S3_CREDENTIALS);
          if (refusal) return s3Error(res, refusal.status, refusal.code, refusal.message);
          forward(req, res, inner.port, body);
        })
        .catch(() =>
          s3Error(
            res,
            400,
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
          ),
        );
      return;
    }
    forward(req, res, inner.port);
  });
  await new Promise<void>((ready) => gate.listen(0, '127.0.0.1', () => ready()));
  const port = (gate.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((closed) => gate.close(() => closed()));
      await s3.close();
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface PolicyRefusal {
  status: 400 | 403;
  code: string;
  message: string;
}

/**
 * What S3 does with a browser-form POST (SigV4, "Authenticating Requests in Browser-Based
 * Uploads Using POST"): the policy's signature must be the HMAC of the base64 policy under the
 * signing key of the credential's date, region and `s3`; the policy must not have expired; every
 * condition must hold (`{"field": value}` and `["eq", "$field", value]` exactly, `["starts-with",
 * "$field", prefix]`, `["content-length-range", min, max]` on the file's size, the bucket against
 * the one posted to); and every form field but the policy, the signature, the file and
 * `x-ignore-*` must be named by a condition. Field names are compared without case, as S3 does.
 * Undefined when S3 would take the upload.
 */
export function checkPostPolicy(
  form: FormData,
  bucket: string,
  now: Date,
  credentials: { accessKeyId: string; secretAccessKey: string },
): PolicyRefusal | undefined {
  const fields = new Map<string, string>();
  let file: File | undefined;
  for (const [name, value] of form.entries()) {
    if (name.toLowerCase() === 'file') file = typeof value === 'string' ? new File([value], 'file') : value;
    else if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  }
  const denied = (message: string): PolicyRefusal => ({ status: 403, code: 'AccessDenied', message });
  const policy = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  const credential = fields.get('x-amz-credential');
  if (!policy || !signature || !credential || fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256')
    return denied(
      'Bucket POST must contain a field named Policy, X-Amz-Signature, X-Amz-Credential and X-Amz-Algorithm.',
    );
  if (!file)
    return {
      status: 400,
      code: 'InvalidArgument',
      message: 'POST requires exactly one file upload per request.',
    };
  const [accessKeyId, date, region, service] = credential.split('/');
  if (accessKeyId !== credentials.accessKeyId)
    return denied('The AWS Access Key Id you provided does not exist in our records.');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date ?? ''), region ?? ''), service ?? ''),
    'aws4_request',
  );
  const expected = hmac(signingKey, policy).toString('hex');
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  let policyDocument: { expiration?: string; conditions?: unknown[] };
  try {
    policyDocument = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' };
  }
  const expiration = Date.parse(policyDocument.expiration ?? '');
  if (Number.isNaN(expiration))
    return {
      status: 400,
      code: 'InvalidPolicyDocument',
      message: 'Invalid Policy: Policy missing expiration.',
    };
  if (now.getTime() > expiration) return denied('Invalid according to Policy: Policy expired.');

  const posted = (field: string) =>
    field.toLowerCase() === 'bucket' ? bucket : fields.get(field.toLowerCase());
  const named = new Set(['policy', 'x-amz-signature', 'file']);
  for (const condition of policyDocument.conditions ?? []) {
    if (Array.isArray(condition) && String(condition[0]).toLowerCase() === 'content-length-range') {
      const [, min, max] = condition as [string, number, number];
      if (file.size > Number(max))
        return {
          status: 400,
          code: 'EntityTooLarge',
          message: 'Your proposed upload exceeds the maximum allowed size',
        };
      if (file.size < Number(min))
        return {
          status: 400,
          code: 'EntityTooSmall',
          message: 'Your proposed upload is smaller than the minimum allowed size',
        };
      continue;
    }
    const [op, field, value] = Array.isArray(condition)
      ? [String(condition[0]).toLowerCase(), String(condition[1]).replace(/^\$/, ''), String(condition[2])]
      : (() => {
          const [f, v] = Object.entries(condition as Record<string, unknown>)[0] ?? ['', ''];
          return ['eq', f, String(v)];
        })();
    named.add(field.toLowerCase());
    const actual = posted(field) ?? '';
    const holds = op === 'eq' ? actual === value : op === 'starts-with' ? actual.startsWith(value) : false;
    if (!holds)
      return denied(
        `Invalid according to Policy: Policy Condition failed: ["${op}", "$${field}", "${value}"]`,
      );
  }
  for (const name of fields.keys())
    if (!named.has(name) && !name.startsWith('x-ignore-'))
      return denied(`Invalid according to Policy: Extra input fields: ${name}`);
  return undefined;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_POST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function forward(req: IncomingMessage, res: ServerResponse, port: number, body?: Buffer) {
  const upstream = httpRequest(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => s3Error(res, 503, 'ServiceUnavailable', 'Please reduce your request rate.'));
  if (body) upstream.end(body);
  else req.pipe(upstream);
}

function s3Error(res: ServerResponse, status: number, code: string, message: string) {
  if (res.headersSent) return res.destroy();
  const id = randomBytes(8).toString('hex').toUpperCase();
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</Message><RequestId>${id}</RequestId><HostId>${id}</HostId></Error>`,
  );
}
