import {chromium, type Browser, type Page} from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A LAN-style host name Chromium resolves to loopback: a page opened at
 * `http://workshop.lan:<port>` is not a secure context (no
 * `crypto.randomUUID`, no `navigator.clipboard`), as on a workshop laptop's
 * LAN address, while the traffic stays on this machine.
 */
export const lanHost = 'workshop.lan';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Background networking would try Google's hosts, which this machine (and
    // the guide's promise of working offline) forbids.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${lanHost} 127.0.0.1`,
      // Tests open several pages at once, each its own window: none may be
      // throttled as a background page (no animation frames, slow timers).
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
}

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]', lanHost]);

/**
 * Records every request the page makes to a host other than this machine, so
 * a test can assert the guide works offline.
 */
export function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (
      (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') &&
      !localHosts.has(url.hostname)
    ) {
      foreign.push(request.url());
    }
  });
  return foreign;
}
