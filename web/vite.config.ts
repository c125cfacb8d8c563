import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, transformWithEsbuild } from 'vite';
import { captureFilesOf } from './capture-files.js';

const webDir = dirname(fileURLToPath(import.meta.url));
const pages = readdirSync(webDir).filter((f) => f.endsWith('.html'));
const outDir = resolve(webDir, '../dist/web');

/**
 * The capture page's service worker (web/inspect-sw.ts → /inspect-sw.js) with the list of what it
 * keeps: the built inspect.html and the script, preload and style files that HTML names, nothing
 * else (no other page's assets). The version is the hash of that list, so a new build replaces
 * the old cache.
 */

/** Every *.html in web/ is a page; the build goes to dist/web, served locally and from S3. */
export default defineConfig({
  root: webDir,
  base: '/',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p.replace(/\.html$/, ''), resolve(webDir, p)])),
    },
  },
  plugins: [
    {
      name: 'capture-service-worker',
      async closeBundle() {
        const html = readFileSync(resolve(outDir, 'inspect.html'), 'utf8');
        const assets = captureFilesOf(html);
        const version = createHash('sha256').update(html).digest('hex').slice(0, 12);
        const source = readFileSync(resolve(webDir, 'inspect-sw.ts'), 'utf8');
        const { code } = await transformWithEsbuild(source, 'inspect-sw.ts', { target: 'es2020' });
        const precache = JSON.stringify({ html: '/inspect.html', assets, version });
        writeFileSync(resolve(outDir, 'inspect-sw.js'), `const PRECACHE = ${precache};\n${code}`);
      },
    },
    {
      name: 'vendor-swagger-ui',
      // The API reference page loads Swagger UI from our own origin, never from a CDN.
      closeBundle() {
        const from = dirname(fileURLToPath(import.meta.resolve('swagger-ui-dist/package.json')));
        const to = resolve(webDir, '../dist/web/vendor/swagger-ui');
        for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css'])
          cpSync(resolve(from, file), resolve(to, file));
      },
    },
  ],
});
