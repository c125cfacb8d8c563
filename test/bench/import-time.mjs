// node import-time.mjs <module>: prints how many milliseconds importing it took in this fresh process.
const started = performance.now();
await import(process.argv[2]);
process.stdout.write(`${(performance.now() - started).toFixed(2)}\n`);
