import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { MetricName, Metrics } from './metrics.js';

/** CloudWatch metrics through Powertools (EMF on stdout, no API calls on the request path). */
export class PowertoolsMetricsAdapter implements Metrics {
  private readonly metrics: PowertoolsMetrics;
  private pending = false;

  constructor(namespace: string, serviceName: string, stage: string) {
    this.metrics = new PowertoolsMetrics({ namespace, serviceName, defaultDimensions: { stage } });
  }

  count(name: MetricName, value = 1): void {
    this.metrics.addMetric(name, MetricUnit.Count, value);
    this.pending = true;
  }

  /** Most requests count nothing; publishing then would only log Powertools' "no metrics" warning. */
  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.metrics.publishStoredMetrics();
  }
}
