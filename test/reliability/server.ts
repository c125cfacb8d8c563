/**
 * The platform as `npm start` runs it (the same hono app, stream poller and notifier), in a
 * process of its own so the reliability suite can SIGKILL it in the middle of a request and start
 * it again on the same port, table and data directory.
 *
 * Environment: DYNAMODB_ENDPOINT, TABLE_NAME, PORT, DATA_DIR (dev-issuer key, QR secret and stream
 * checkpoints survive a kill), LEDGER_FILE (one JSON line per notification the notifier published,
 * appended synchronously before the publish returns, so a kill cannot lose the record of a send),
 * NOTIFIER (`ok` | `fail` | `one-in-three`: the notifier's failure mode at start).
 *
 * Sends `{ url, qrSecret }` over IPC when ready; answers `{ notifier: mode }` (switches the failure
 * mode) and `{ drain: id, timeoutMs }` (waits until the stream poller has caught up).
 */
import { appendFileSync } from 'node:fs';
import type { Notification } from '../../functions/domain/notifier.js';
import { startLocalPlatform } from '../../functions/local/platform.js';

export type NotifierMode = 'ok' | 'fail' | 'one-in-three';
export type ServerMessage = { notifier: NotifierMode } | { drain: number; timeoutMs: number };
export type ServerReply = { url: string; qrSecret: string } | { drained: number; error?: string };

/** One line of the ledger file: a notification the notifier published. */
export interface DeliveryLine {
  topic: string;
  deduplicationId: string;
  trackingNo: string | undefined;
  event: string | undefined;
}

const platform = await startLocalPlatform({
  port: Number(process.env.PORT ?? 0),
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
  tableName: process.env.TABLE_NAME,
  ...(process.env.DATA_DIR ? { dataDir: process.env.DATA_DIR } : {}),
  scheduler: false,
  env: {
    LOG_LEVEL: 'ERROR',
    RATE_LIMIT_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_STAFF_ENTRIES_PER_MINUTE: '100000',
  },
});

// Failure injection without touching the platform: the stream's outbox calls `notifier.publish`
// on this very instance (customer notices go through it too), so wrapping the method is enough.
let mode = (process.env.NOTIFIER ?? 'ok') as NotifierMode;
let calls = 0;
const ledger = process.env.LEDGER_FILE;
const publish = platform.notifier.publish.bind(platform.notifier);
platform.notifier.publish = async (notification: Notification) => {
  calls++;
  if (mode === 'fail' || (mode === 'one-in-three' && calls % 3 === 0))
    throw new Error(`Injected notifier failure (${mode})`);
  await publish(notification);
  const body = notification.body as { trackingNo?: string; event?: string };
  const line: DeliveryLine = {
    topic: notification.topic,
    deduplicationId: notification.deduplicationId,
    trackingNo: body.trackingNo,
    event: body.event,
  };
  if (ledger) appendFileSync(ledger, `${JSON.stringify(line)}\n`);
};

process.on('message', (m: ServerMessage) => {
  if ('notifier' in m) mode = m.notifier;
  if ('drain' in m)
    platform.poller.drain(m.timeoutMs).then(
      () => process.send?.({ drained: m.drain } satisfies ServerReply),
      (error: Error) => process.send?.({ drained: m.drain, error: error.message } satisfies ServerReply),
    );
});
process.on('SIGTERM', () => void platform.stop().then(() => process.exit(0)));

const { current } = await platform.secrets.qrSecrets();
const url = platform.url.replace('localhost', '127.0.0.1');
process.send?.({ url, qrSecret: current } satisfies ServerReply);
console.log(url);
