/**
 * The platform as `npm start` runs it (the same hono app and handlers), on the benchmark's
 * DynamoDB Local, in a process of its own. Sends `{ url }` when ready; answers `cpu`.
 */
import { startLocalPlatform } from '../../functions/local/platform.js';

const platform = await startLocalPlatform({
  port: 0,
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
  tableName: process.env.TABLE_NAME,
  scheduler: false,
  env: { RATE_LIMIT_IP_PER_MINUTE: '100000000', LOG_LEVEL: 'ERROR' },
});
const { current } = await platform.secrets.qrSecrets();
process.send?.({ url: platform.url.replace('localhost', '127.0.0.1'), qrSecret: current });
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (m === 'stop') void platform.stop().then(() => process.exit(0));
});
