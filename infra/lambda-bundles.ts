import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every Lambda and its entry point. The CDK app deploys `dist/lambda/<name>/` for each. */
export const lambdaEntries = {
  /** What customers' phones call: outlets, ratings, complaints, tracking. */
  public: 'functions/handlers/http-public.ts',
  /** The signed-in API: inbox, actions, admin, statistics. */
  staff: 'functions/handlers/http-staff.ts',
  /** The table's stream: the outbox. */
  stream: 'functions/handlers/stream.ts',
  /** The scheduled jobs. */
  schedule: 'functions/handlers/schedule.ts',
} as const;

export type LambdaName = keyof typeof lambdaEntries;
export const lambdaNames = Object.keys(lambdaEntries) as LambdaName[];
export const LAMBDA_OUT_DIR = resolve(repoRoot, 'dist/lambda');

/**
 * zod ships a message table for every language it knows (sixty-odd files, a third of a bundle)
 * and exports them all from one module; the API answers field messages in English only, so only
 * English is bundled. Everything else in zod is untouched.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    const require = createRequire(import.meta.url);
    const english = require.resolve('zod/v4/locales/en.js');
    b.onResolve({ filter: /[/\\]locales[/\\]index\.js$/ }, (args) =>
      /[/\\]zod[/\\]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'zod-english-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(english)};`,
      resolveDir: dirname(english),
    }));
  },
};

/**
 * How every Lambda is built: ESM, minified, split into chunks so a module loaded with `import()`
 * (jose, qrcode, Secrets Manager, the SDK's credential providers for profiles, SSO and the like)
 * is read only when first used, not at every cold start. The AWS SDK is bundled like every other
 * dependency, at the versions the lock file pins, rather than taken from the runtime: its ES
 * module build, tree-shaken and minified with the rest, loads in about three fifths of the time
 * the runtime's CommonJS packages take, which Node resolves and reads file by file (the README's
 * design notes have the figures). It also runs the SDK version the tests ran, not whichever one
 * the runtime carries that day.
 */
export function lambdaBuildOptions(name: LambdaName, outdir: string): BuildOptions {
  return {
    absWorkingDir: repoRoot,
    entryPoints: { index: lambdaEntries[name] },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Some CommonJS dependencies call require(); ESM bundles need it defined.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    plugins: [zodEnglishOnly],
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * Builds every Lambda into `<outRoot>/<name>/index.mjs` (+ chunks); returns each build's metafile.
 * Each folder is emptied first: chunk names carry a content hash, and the CDK deploys the whole
 * folder, so an earlier build's chunks would otherwise ride along in every later package.
 */
export async function buildLambdas(outRoot = LAMBDA_OUT_DIR): Promise<Record<LambdaName, Metafile>> {
  const results = await Promise.all(
    lambdaNames.map(async (name) => {
      rmSync(resolve(outRoot, name), { recursive: true, force: true });
      const result = await build(lambdaBuildOptions(name, resolve(outRoot, name)));
      return [name, result.metafile as Metafile] as const;
    }),
  );
  return Object.fromEntries(results) as Record<LambdaName, Metafile>;
}

/**
 * The files a cold start reads: the entry chunk and the chunks it imports statically, not those
 * behind an `import()`.
 */
export function outputsAtStart(metafile: Metafile): string[] {
  const outputs = metafile.outputs;
  // By its name: a chunk loaded by import() is an entry point to esbuild too, and chunk names
  // carry a hash.
  const entry = Object.keys(outputs).find((path) => /(^|\/)index\.mjs$/.test(path));
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  if (entry) visit(entry);
  return [...seen];
}

/** The source files a cold start evaluates: those of the files in `outputsAtStart`. */
export const loadedAtStart = (metafile: Metafile) =>
  outputsAtStart(metafile).flatMap((path) => Object.keys(metafile.outputs[path]?.inputs ?? {}));

/** Every source file bundled, whether loaded at start or on first use. */
export const bundledInputs = (metafile: Metafile) => Object.keys(metafile.inputs);

/** The bytes of the JavaScript files among `paths` (all of a build's by default), source maps left out. */
export const outputBytes = (metafile: Metafile, paths = Object.keys(metafile.outputs)) =>
  paths
    .filter((path) => path.endsWith('.mjs'))
    .reduce((sum, path) => sum + (metafile.outputs[path]?.bytes ?? 0), 0);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const metafiles = await buildLambdas();
  for (const name of lambdaNames) {
    console.log(`dist/lambda/${name}: ${(outputBytes(metafiles[name]) / 1024).toFixed(0)} KB`);
  }
}
