import { describe, expect, it } from 'vitest';
import { departmentIds } from '../../functions/config/departments.js';
import { stageConfig } from '../../infra/stage-config.js';
import { stagesWith, synthApp } from './support.js';

const config = (stage: 'dev' | 'prod', overrides: Record<string, unknown>) =>
  stageConfig(stage, stagesWith(stage, overrides));

describe('the stage configuration (cdk.json context.stages)', () => {
  it('reads both shipped stages, with the bank’s time zone and a subscriber for every prod department', () => {
    const dev = config('dev', {});
    const prod = config('prod', {});
    expect(dev.timeZone).toBe('Asia/Shanghai');
    expect(prod.timeZone).toBe('Asia/Shanghai');
    expect(prod.logLevel).toBe('INFO');
    for (const id of departmentIds) expect(prod.departments[id]?.subscribers.length).toBeGreaterThan(0);
    expect(prod.auditArchive.retentionDays).toBeGreaterThanOrEqual(365);
    expect(prod.waf).toMatchObject({ enabled: true, region: 'us-east-1' });
  });

  it('names a misspelt key, with its path, rather than ignoring it', () => {
    expect(() => config('dev', { logLevle: 'DEBUG' })).toThrow(
      /cdk\.json context\.stages\.dev: Unrecognized key: "logLevle"/,
    );
    expect(() => config('dev', { waf: { publicPostLimit: 100, windowSecs: 300 } })).toThrow(
      /context\.stages\.dev\.waf: Unrecognized key: "windowSecs"/,
    );
  });

  it('names a wrong value with its path', () => {
    expect(() => config('dev', { timeZone: 'China/Beijing' })).toThrow(
      /context\.stages\.dev\.timeZone: an IANA time zone/,
    );
    expect(() => config('dev', { apiThrottle: { rateLimit: -1, burstLimit: 10 } })).toThrow(
      /context\.stages\.dev\.apiThrottle\.rateLimit/,
    );
    expect(() =>
      config('dev', {
        departments: { cards: { subscribers: [{ protocol: 'sms', endpoint: '13800000000' }] } },
      }),
    ).toThrow(/context\.stages\.dev\.departments\.cards\.subscribers\.0\.endpoint: an E\.164 phone number/);
    expect(() =>
      config('dev', {
        domain: {
          names: ['feedback.example-bank.com'],
          certificateArn: 'arn:aws:acm:ap-east-1:123456789012:certificate/x',
        },
      }),
    ).toThrow(/context\.stages\.dev\.domain\.certificateArn: an ACM certificate ARN in us-east-1/);
  });

  it('refuses a department the platform does not have', () => {
    expect(() => config('dev', { departments: { marketing: { subscribers: [] } } })).toThrow(
      /context\.stages\.dev\.departments: no department "marketing" in functions\/config\/departments\.ts/,
    );
  });

  it('lets dev deploy departments without subscribers, and refuses prod with one that has none', () => {
    expect(config('dev', { departments: {} }).departments).toEqual({});
    const prod = stagesWith('prod').prod as { departments: Record<string, unknown> };
    const { cards: _, ...withoutCards } = prod.departments;
    expect(() => config('prod', { departments: withoutCards })).toThrow(
      /context\.stages\.prod\.departments: cards has no subscriber\. The prod stage refuses/,
    );
    expect(() =>
      config('prod', { departments: { ...prod.departments, credit: { subscribers: [] } } }),
    ).toThrow(/credit has no subscriber/);
    // …and so does the synth itself.
    expect(() => synthApp('prod', { departments: withoutCards })).toThrow(/cards has no subscriber/);
  });

  it('refuses an unknown stage, naming the ones there are', () => {
    expect(() => stageConfig('staging', stagesWith('dev'))).toThrow(/Unknown stage "staging".*dev, prod/);
  });
});
