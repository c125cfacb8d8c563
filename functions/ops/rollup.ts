/**
 * `npm run rollup -- --from 2026-09-01 --to 2026-11-24`: recomputes the statistics of a range of
 * bank days on the running local platform (its rollups, weeks, months and warnings), with a
 * progress bar. The platform does the work, through the same service as the scheduled jobs.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    url: { type: 'string', default: `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
if (!values.from || !values.to) {
  console.error('Usage: npm run rollup -- --from YYYY-MM-DD --to YYYY-MM-DD [--url http://localhost:3000]');
  process.exit(2);
}

let response: Response;
try {
  response = await fetch(`${values.url}/api/v1/local/rollup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: values.from, to: values.to }),
  });
} catch {
  console.error(`No local platform answers at ${values.url}: start it with \`npm start\` first.`);
  process.exit(1);
}
if (!response.ok || !response.body) {
  console.error(`The platform refused: ${response.status} ${await response.text()}`);
  process.exit(1);
}

const width = 30;
const draw = (done: number, total: number, step: string) => {
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${step}`;
  process.stdout.write(process.stdout.isTTY ? `\r${line.padEnd(90).slice(0, 90)}` : `${line}\n`);
};
let buffered = '';
const decoder = new TextDecoder();
const reader = response.body.getReader();
for (let read = await reader.read(); !read.done; read = await reader.read()) {
  buffered += decoder.decode(read.value, { stream: true });
  const lines = buffered.split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines.filter(Boolean)) {
    const message = JSON.parse(line) as { done?: number; total?: number; step?: string; result?: unknown };
    if (message.result) {
      if (process.stdout.isTTY) process.stdout.write('\n');
      console.log('Done:', JSON.stringify(message.result));
    } else draw(message.done ?? 0, message.total ?? 0, message.step ?? '');
  }
}
