import { execFileSync } from 'node:child_process';

/** Browser tests run against the real production build of the pages. */
export default function setup() {
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], {
    stdio: 'inherit',
  });
}
