import { afterEach, describe, expect, it, vi } from 'vitest';
import { CountingMetrics } from '../../functions/adapters/metrics/metrics.js';
import { PowertoolsMetricsAdapter } from '../../functions/adapters/metrics/powertools-metrics.js';

describe('metrics', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.POWERTOOLS_DEV;
    delete process.env.POWERTOOLS_METRICS_DISABLED;
  });

  it('publish to CloudWatch as embedded metric format, once per invocation', () => {
    // Dev mode writes through the global console (which the test reads); metrics stay enabled.
    process.env.POWERTOOLS_DEV = 'true';
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    const metrics = new PowertoolsMetricsAdapter('BranchFeedback', 'branch-feedback', 'prod');
    metrics.count('ComplaintReceived');
    metrics.count('ComplaintReceived');
    metrics.count('TimeLimitBreached', 3);
    metrics.flush();
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0] ?? '{}');
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'BranchFeedback',
      Dimensions: [expect.arrayContaining(['service', 'stage'])],
    });
    expect(emf).toMatchObject({ stage: 'prod', ComplaintReceived: [1, 1], TimeLimitBreached: 3 });
    metrics.flush(); // nothing new counted: nothing published
    expect(lines.filter((l) => l.includes('_aws'))).toHaveLength(1);
  });

  it('are counted in memory on the local platform', () => {
    const metrics = new CountingMetrics();
    metrics.count('FeedbackRecorded');
    metrics.count('FeedbackRecorded', 2);
    expect(metrics.totals.get('FeedbackRecorded')).toBe(3);
  });
});
