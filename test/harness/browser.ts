// Debian's Chromium driven by playwright-core: Playwright's own browser download cannot
// reach its servers from this project's machines.

import { existsSync } from 'fs';
import { Browser, chromium } from 'playwright-core';

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...CHROMIUM_PATHS].find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error(`No Chromium found (looked at ${CHROMIUM_PATHS.join(', ')}). Install it with \`apt-get install chromium\`, or set CHROMIUM_PATH.`);
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Without these, a closed network makes Chromium retry connections it never needs.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
