/**
 * Playground timings in Chromium — figures printed, not asserted.
 *
 *   npm run build && npm run bench:playground
 *
 * Against `npm run serve`, on the retry page, measured inside the page
 * (performance.now, a MutationObserver), so Playwright's own round trips
 * do not count:
 * - Run → first chart point: the page's own snippet (real calls, the
 *   page's fault settings) and a one-call snippet (worker start, transpile,
 *   one Decide, one point);
 * - Stop → "stopped" on a busy loop (`while (true) {}`), which only
 *   terminating the worker can end.
 */
import type {Page} from 'playwright-core';
import {launchChromium} from '../tests/e2e/support/browser';
import {PlaygroundDriver} from '../tests/e2e/support/playground';
import {serveProductionBuild} from '../tests/e2e/support/serve';
import {median, ms} from './bench/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// Charts its one point whether the call succeeds or fails: the page's fault dial may inject errors.
const ONE_CALL = [
  'const point = (outcome) => chart.point({attempt: 1, delayMs: 0, outcome});',
  "try { await router.decide({message: {tenantId: 'bench', messageId: 'm-1'}}); point('ok'); }",
  'catch (error) { point(codeName(ConnectError.from(error).code)); }',
  '',
].join('\n');

/**
 * In-page script: clicks the playground's `button` test id and resolves with
 * the ms until `done()` holds. A string, not a function: tsx would wrap a
 * function in helpers that do not exist inside the page.
 */
function clickAndTime(button: string, done: string, timeoutMs: number): string {
  return `new Promise((resolve, reject) => {
    const root = document.querySelector('[data-testid="playground"]');
    const done = () => ${done};
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); resolve(performance.now() - started); }
    });
    observer.observe(root, {subtree: true, childList: true, attributes: true});
    root.querySelector('[data-testid="${button}"]').click();
    setTimeout(() => reject(new Error('${button}: not done within ${timeoutMs} ms')), ${timeoutMs});
  })`;
}

/** Clicks Run and resolves with the ms until the chart has a point. */
function runToFirstPoint(page: Page): Promise<number> {
  return page.evaluate(
    clickAndTime(
      'playground-run',
      `Number(root.querySelector('[data-testid="playground-chart"]')?.getAttribute('data-points') ?? 0) >= 1`,
      30_000,
    ),
  );
}

/** Clicks Stop and resolves with the ms until the status says stopped. */
function stopToStopped(page: Page): Promise<number> {
  return page.evaluate(
    clickAndTime(
      'playground-stop',
      `root.querySelector('[data-testid="playground-status"]')?.getAttribute('data-status') === 'stopped'`,
      10_000,
    ),
  );
}

async function settle(playground: PlaygroundDriver): Promise<void> {
  for (const status of ['done', 'failed', 'stopped', 'timed-out']) {
    if ((await playground.status()) === status) return;
  }
  await playground.root
    .locator('[data-testid="playground-status"]:not([data-status="running"])')
    .waitFor({timeout: 60_000});
}

async function main(): Promise<void> {
  const [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    await page.goto(`${site.url}/guide/resilience/retry-backoff`);
    const playground = new PlaygroundDriver(page);
    await playground.waitForEditor();

    const pageSnippet: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      pageSnippet.push(await runToFirstPoint(page));
      await settle(playground);
    }
    await playground.setCode(ONE_CALL);
    const oneCall: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      oneCall.push(await runToFirstPoint(page));
      await settle(playground);
    }
    await playground.setCode('while (true) {}\n');
    const stops: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await playground.run.click();
      await playground.waitForStatus('running');
      await page.waitForTimeout(300);
      stops.push(await stopToStopped(page));
    }
    const line = (samples: number[]) =>
      `median ${ms(median(samples))} (min ${ms(Math.min(...samples))}, max ${ms(Math.max(...samples))}, ${samples.length} runs)`;
    console.log(`Run → first chart point, the page's snippet: ${line(pageSnippet)}`);
    console.log(`Run → first chart point, one-call snippet: ${line(oneCall)}`);
    console.log(`Stop → stopped, busy loop: ${line(stops)}`);
  } finally {
    await browser.close();
    await site.stop();
  }
}

await main();
