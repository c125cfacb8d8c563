import { cpSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webDir = dirname(fileURLToPath(import.meta.url));
const pages = readdirSync(webDir).filter((f) => f.endsWith('.html'));

/** Every *.html in web/ is a page; the build goes to dist/web, served locally and from S3. */
export default defineConfig({
  root: webDir,
  base: '/',
  build: {
    outDir: resolve(webDir, '../dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p.replace(/\.html$/, ''), resolve(webDir, p)])),
    },
  },
  plugins: [
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
