import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import {
  type LocalPlatform,
  type LocalPlatformOptions,
  startLocalPlatform,
} from '../../functions/local/platform.js';

/**
 * Starts the real local platform (same app, same handlers) on a free port against the run's
 * DynamoDB Local, with a table of its own, for the tests of one file.
 */
export function usePlatform(
  env: Record<string, string> = {},
  options: { now?: () => Date; streams?: boolean; patience?: LocalPlatformOptions['patience'] } = {},
) {
  const context = {} as { platform: LocalPlatform };
  beforeAll(async () => {
    context.platform = await startLocalPlatform({
      port: 0,
      dynamoEndpoint: inject('dynamoEndpoint'),
      tableName: `test-${randomUUID()}`,
      scheduler: false,
      env: { LOG_LEVEL: 'ERROR', ...env },
      ...(options.now ? { now: options.now } : {}),
      ...(options.streams === false ? { streams: false } : {}),
      ...(options.patience ? { patience: options.patience } : {}),
    });
  });
  afterAll(async () => {
    await context.platform?.stop();
  });
  return {
    get platform() {
      return context.platform;
    },
    get url() {
      return context.platform.url;
    },
    async token(username: string): Promise<string> {
      const response = await fetch(`${context.platform.url}/api/v1/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      const { token } = (await response.json()) as { token: string };
      return token;
    },
  };
}
