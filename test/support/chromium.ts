import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser). The flags keep it
 * from reaching for Google's services, which this machine's closed network refuses; Playwright
 * gives each launch a fresh, empty profile. Used by the browser tests and the reliability suite.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
