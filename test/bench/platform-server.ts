/**
 * The platform as `npm start` runs it (the same hono app and handlers), on the benchmark's
 * DynamoDB Local, in a process of its own. Sends `{ url }` when ready; answers `cpu`. Without the
 * scheduler, and without the local stream poller: in AWS the stream is read by Lambda's event
 * source mapping and ratings are filtered out before any function runs, so reading every rating
 * back here (on the same two cores) would charge the HTTP path with work it does not do.
 */
import { startLocalPlatform } from '../../functions/local/platform.js';

const platform = await startLocalPlatform({
  port: 0,
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
  tableName: process.env.TABLE_NAME,
  scheduler: false,
  streams: false,
  env: { RATE_LIMIT_IP_PER_MINUTE: '100000000', LOG_LEVEL: 'ERROR' },
});
const { current } = await platform.secrets.qrSecrets();
process.send?.({ url: platform.url.replace('localhost', '127.0.0.1'), qrSecret: current });
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (m === 'stop') void platform.stop().then(() => process.exit(0));
});
