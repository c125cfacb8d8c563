import { resolve } from 'node:path';
import { OutletRepository } from '../adapters/dynamodb/outlet-repository.js';
import { addDays, localDate } from '../domain/calendar.js';
import { outletLinks } from '../domain/outlet-links.js';
import { JavaMissingError, PortTakenError } from './dynamodb-local.js';
import { DataDirInUseError } from './engine-pid-file.js';
import { startLocalPlatform } from './platform.js';
import { OldLayoutError } from './seed.js';

/** `npm start`: the whole platform on this machine, until Ctrl-C. */
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
/** A DynamoDB Local the developer already runs (Docker, another terminal): used instead of starting one. */
const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT || undefined;

try {
  const platform = await startLocalPlatform({
    port,
    dataDir,
    dynamoPort,
    ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
    // A first start seeds 90 days of ratings and complaints, so the dashboard has figures at once.
    demoHistory: true,
    log: (line) => console.log(`· ${line}`),
  });
  const today = localDate(platform.deps.now(), platform.deps.config.TIME_ZONE);
  const lastCompleteMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const outlets = await new OutletRepository(platform.table).list();
  const { current } = await platform.secrets.qrSecrets();
  console.log(`
Branch feedback platform is running on ${platform.url}

  API health      ${platform.url}/api/v1/health
  API reference   ${platform.url}/api/docs   (OpenAPI: ${platform.url}/api/v1/openapi.json)
  Staff sign-in   ${platform.url}/signin   (pick a seeded user: admin, head-office, operations.1, manager.sh-jingan, …)
  Staff inbox     ${platform.url}/staff
  Dashboard       ${platform.url}/dashboard   (head office; outlet managers see their outlet)
  Monthly report  ${platform.url}/report?month=${lastCompleteMonth}
  Outlets admin   ${platform.url}/admin    (posters: ${platform.url}/posters)
  Complaint form  ${platform.url}/c        Tracking: ${platform.url}/t
  Deliveries      ${platform.url}/api/v1/local/deliveries   (what the local notifier sent)

  Survey pages (what the QR code in each outlet opens):
${outlets.map((o) => `    ${o.name['zh-CN'].padEnd(8, '　')} ${outletLinks(platform.url, o.id, current).surveyUrl}`).join('\n')}

Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await platform.stop();
    console.log('Stopped (DynamoDB Local too); data kept in', dataDir);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (
    error instanceof JavaMissingError ||
    error instanceof PortTakenError ||
    error instanceof DataDirInUseError ||
    error instanceof OldLayoutError
  ) {
    console.error(error.message);
  } else {
    console.error('The local platform could not start:', (error as Error).message);
  }
  process.exit(1);
}
