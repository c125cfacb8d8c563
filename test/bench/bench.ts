/**
 * `npm run bench`: the platform's speed, cost and size (run.ts). With `--outlets N` (and the
 * other options of scale.ts), the statistics at the bank's size instead: `npm run bench --
 * --outlets 10000` is `npm run bench:scale -- --outlets 10000`.
 */
const scale = process.argv.slice(2).some((arg) => arg === '--outlets' || arg.startsWith('--outlets='));
await import(scale ? './scale.js' : './run.js');
