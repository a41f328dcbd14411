/**
 * Bytes on the wire for one workshop participant — figures printed, not asserted.
 *
 *   npm run build && npm run bench:workshop-bytes
 *
 * A fresh browser opens the retry page, waits for the editor (Monaco and its
 * TypeScript worker) and presses Run once; every response is counted as it
 * crossed the wire (headers + encoded body), snippet and editor workers
 * included. Done twice against `npm run serve`: as browsers ask
 * (`Accept-Encoding: gzip, deflate, br`), and with `Accept-Encoding:
 * identity`, which is what every participant got before the server sent the
 * precompressed files. Budget: ≤ 3 MiB per participant.
 */
import {launchChromium} from '../tests/e2e/support/browser';
import {PlaygroundDriver} from '../tests/e2e/support/playground';
import {serveProductionBuild} from '../tests/e2e/support/serve';

const budget = 3 * 2 ** 20;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

async function firstVisit(siteUrl: string, acceptEncoding?: string): Promise<{bytes: number; requests: number}> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: {width: 1280, height: 900},
      ...(acceptEncoding ? {extraHTTPHeaders: {'accept-encoding': acceptEncoding}} : {}),
    });
    const finished: Promise<number>[] = [];
    context.on('requestfinished', (request) =>
      finished.push(request.sizes().then((sizes) => sizes.responseHeadersSize + sizes.responseBodySize)),
    );
    const page = await context.newPage();
    await page.goto(`${siteUrl}/guide/resilience/retry-backoff`);
    const playground = new PlaygroundDriver(page);
    await playground.waitForEditor();
    await playground.run.click();
    await playground.root
      .locator('[data-testid="playground-status"]:not([data-status="running"]):not([data-status="idle"])')
      .waitFor({timeout: 90_000});
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(finished);
    return {bytes: sizes.reduce((sum, size) => sum + size, 0), requests: sizes.length};
  } finally {
    await browser.close();
  }
}

const site = await serveProductionBuild();
try {
  const now = await firstVisit(site.url);
  const before = await firstVisit(site.url, 'identity');
  console.log('One participant: retry page + editor + one Run, bytes on the wire');
  console.log(`  before (uncompressed):  ${mib(before.bytes)} in ${before.requests} responses`);
  console.log(
    `  now (br/gzip):          ${mib(now.bytes)} in ${now.requests} responses   (budget ≤ ${mib(budget)}: ${now.bytes <= budget ? 'met' : 'NOT met'})`,
  );
  console.log(
    `  a room of 200:          ${((200 * now.bytes) / 2 ** 30).toFixed(2)} GiB (before ${((200 * before.bytes) / 2 ** 30).toFixed(2)} GiB)`,
  );
} finally {
  await site.stop();
}
