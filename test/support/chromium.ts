import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (test tools that download their own browser cannot here). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium for the page tests. Without the background-networking flags it keeps dialling out, and this
 * machine's closed network refuses it, many times a second.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}
