import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { API_PREFIX, createHttpApp } from '../../functions/apps/http-app.js';
import { readConfig } from '../../functions/config/env.js';
import type { Dependencies } from '../../functions/dependencies.js';
import { awsDependencies, awsHttpDependencies } from '../../functions/handlers/aws-dependencies.js';
import type { AppEnv } from '../../functions/http/app-env.js';
import {
  acceptsOriginProof,
  ORIGIN_VERIFY_HEADER,
  OriginVerify,
  type OriginVerifySecret,
  originGate,
  originVerifySecretSchema,
  previousAcceptedUntil,
  rotateOriginVerify,
} from '../../functions/http/origin-verify.js';
import { API_CONTENT_SECURITY_POLICY } from '../../functions/http/security-headers.js';
import { hoursAfterRotation, NEW, OLD, proofCases, ROTATED_AT, rotated } from '../support/origin-proofs.js';

describe('a request proves it came through CloudFront (current value, or the previous one during its overlap)', () => {
  for (const { name, proof, at, accepted } of proofCases) {
    it(`${accepted ? 'accepts' : 'refuses'} ${name}`, () => {
      expect(acceptsOriginProof(rotated, proof, at, 48)).toBe(accepted);
    });
  }

  it('holds the previous value as long as the configured overlap says', () => {
    expect(acceptsOriginProof(rotated, OLD, hoursAfterRotation(60), 72)).toBe(true);
    expect(acceptsOriginProof(rotated, OLD, hoursAfterRotation(2), 1)).toBe(false);
    expect(previousAcceptedUntil(rotated, 48)).toEqual(hoursAfterRotation(48));
    expect(previousAcceptedUntil({ value: NEW }, 48)).toBeUndefined();
  });

  it('accepts nothing before the secret has been read', () => {
    expect(acceptsOriginProof(undefined, NEW, hoursAfterRotation(1), 48)).toBe(false);
    expect(acceptsOriginProof(undefined, undefined, hoursAfterRotation(1), 48)).toBe(false);
  });
});

describe('rotating the origin-verify value', () => {
  it('keeps the value it replaces as the previous one, with when it was replaced', () => {
    expect(rotated).toEqual({ value: NEW, previous: { value: OLD, retiredAt: ROTATED_AT } });
  });

  it('forgets the value before that at the next rotation', () => {
    const again = rotateOriginVerify(rotated, 'third-value-after-two-rotations', hoursAfterRotation(100));
    expect(again.previous?.value).toBe(NEW);
    expect(JSON.stringify(again)).not.toContain(OLD);
  });

  it('reads the secret as the stack generates it and as a rotation writes it, and nothing else', () => {
    expect(originVerifySecretSchema.parse({ value: NEW })).toEqual({ value: NEW });
    expect(originVerifySecretSchema.parse(JSON.parse(JSON.stringify(rotated)))).toEqual(rotated);
    expect(() => originVerifySecretSchema.parse({ value: 'short' })).toThrow();
    expect(() => originVerifySecretSchema.parse({ value: NEW, previous: { value: OLD } })).toThrow();
    expect(() =>
      originVerifySecretSchema.parse({ value: NEW, previous: { value: OLD, retiredAt: 'yesterday' } }),
    ).toThrow();
  });

  it('takes its overlap from ORIGIN_VERIFY_OVERLAP_HOURS (48 by default), refusing a value that is not whole hours', () => {
    const env = {
      TABLE_NAME: 't',
      PUBLIC_BASE_URL: 'https://feedback.example-bank.com',
      JWT_ISSUER: 'https://issuer.example',
      JWT_AUDIENCE: 'client',
      JWKS_URL: 'https://issuer.example/jwks.json',
    };
    expect(readConfig(env).ORIGIN_VERIFY_OVERLAP_HOURS).toBe(48);
    expect(readConfig({ ...env, ORIGIN_VERIFY_OVERLAP_HOURS: '72' }).ORIGIN_VERIFY_OVERLAP_HOURS).toBe(72);
    for (const wrong of ['0', '-1', '1.5', 'two days'])
      expect(() => readConfig({ ...env, ORIGIN_VERIFY_OVERLAP_HOURS: wrong })).toThrow(
        /ORIGIN_VERIFY_OVERLAP_HOURS/,
      );
  });
});

describe('the origin-verify value, read at run time', () => {
  it('is unknown until read, so no request is believed to come through CloudFront before then', async () => {
    const value = new OriginVerify(async () => ({ value: NEW }), 48);
    expect(value.current()).toBeUndefined();
    expect(value.accepts(NEW, hoursAfterRotation(1))).toBe(false);
    expect(await value.refresh()).toBeUndefined();
    expect(value.accepts(NEW, hoursAfterRotation(1))).toBe(true);
  });

  it('follows a rotation at the next read, and keeps the last value when a read fails', async () => {
    const answers: (OriginVerifySecret | Error)[] = [
      { value: OLD },
      rotated,
      new Error('Secrets Manager unavailable'),
    ];
    const value = new OriginVerify(async () => {
      const next = answers.shift();
      if (!next || next instanceof Error) throw next;
      return next;
    }, 48);
    await value.refresh();
    expect(value.current()).toEqual({ value: OLD });
    await value.refresh();
    expect(value.current()).toEqual(rotated);
    expect(await value.refresh()).toBeInstanceOf(Error);
    expect(value.current()).toEqual(rotated);
  });
});

describe('the gate the Lambda wiring puts in front of every route', () => {
  /** The shared HTTP shell with one route, gated as in AWS; counts the requests that reach the route. */
  function gatedApp(load: () => Promise<OriginVerifySecret>, now = () => hoursAfterRotation(1)) {
    const logger = new Logger({ serviceName: 'test', logLevel: 'ERROR' });
    const warn = vi.spyOn(logger, 'warn');
    const origin = new OriginVerify(load, 48);
    const deps = {
      verifyToken: async () => undefined,
      logger,
      metrics: { flush: () => {} },
      gate: originGate(origin, now, logger),
    } as unknown as Dependencies;
    let reached = 0;
    const app = createHttpApp(deps, new Hono<AppEnv>(), (api) => {
      api.get('/ping', (c) => {
        reached++;
        return c.json({ ok: true });
      });
    });
    const get = (proof?: string) =>
      app.request(`${API_PREFIX}/ping`, {
        headers: proof === undefined ? {} : { [ORIGIN_VERIFY_HEADER]: proof },
      });
    return { get, warn, reached: () => reached };
  }

  for (const { name, proof, at, accepted } of proofCases) {
    it(`${accepted ? 'lets through' : 'refuses with 403'} ${name}`, async () => {
      const app = gatedApp(
        async () => rotated,
        () => at,
      );
      const answer = await app.get(proof);
      expect(answer.status).toBe(accepted ? 200 : 403);
      expect(app.reached()).toBe(accepted ? 1 : 0);
    });
  }

  it('answers a refusal in the platform’s error shape, with every API answer’s headers, and logs it without the value', async () => {
    const app = gatedApp(async () => rotated);
    const answer = await app.get('a-forged-proof-value');
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: 'forbidden', message: expect.any(String) });
    expect(answer.headers.get('content-security-policy')).toBe(API_CONTENT_SECURITY_POLICY);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    expect(app.warn).toHaveBeenCalledTimes(1);
    const logged = JSON.stringify(app.warn.mock.calls);
    for (const value of ['a-forged-proof-value', NEW, OLD]) expect(logged).not.toContain(value);
  });

  it('answers 503 with Retry-After while the secret has never been read, and lets requests through once it is', async () => {
    let reachable = false;
    const app = gatedApp(async () => {
      if (!reachable) throw new Error('connect ETIMEDOUT secretsmanager.ap-east-1.amazonaws.com');
      return rotated;
    });
    const answer = await app.get(NEW);
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await answer.json()).toMatchObject({ error: 'unavailable', message: expect.any(String) });
    expect(app.reached()).toBe(0);
    expect(app.warn).toHaveBeenCalled();
    reachable = true;
    expect((await app.get(NEW)).status).toBe(200);
  });

  it('keeps checking against the last value read when a later read fails', async () => {
    let reads = 0;
    const app = gatedApp(async () => {
      reads++;
      if (reads > 1) throw new Error('Secrets Manager unavailable');
      return rotated;
    });
    expect((await app.get(NEW)).status).toBe(200);
    expect((await app.get(NEW)).status).toBe(200);
    expect((await app.get('guess')).status).toBe(403);
  });
});

describe('the AWS wiring', () => {
  const env = {
    TABLE_NAME: 'table',
    PUBLIC_BASE_URL: 'https://feedback.example-bank.com',
    JWT_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/pool',
    JWT_AUDIENCE: 'client',
    JWKS_URL: 'https://cognito-idp.ap-east-1.amazonaws.com/pool/.well-known/jwks.json',
  };

  it('gates the HTTP functions, and will not start one that is not bound to the origin-verify secret', () => {
    const arn = 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:OriginVerify-AbCdEf';
    expect(awsHttpDependencies({ ...env, ORIGIN_VERIFY_SECRET_ARN: arn }).gate).toBeTypeOf('function');
    expect(() => awsHttpDependencies(env)).toThrow(/ORIGIN_VERIFY_SECRET_ARN/);
  });

  it('gives the stream and schedule functions, which answer no HTTP, no gate', () => {
    expect(awsDependencies(env).gate).toBeUndefined();
  });
});
