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
const ONE_CALL = "const d = await router.decide({message: {tenantId: 'bench', messageId: 'm-1'}});\nchart.point({attempt: 1, delayMs: 0, outcome: 'ok'});\nlog(d.providerId);\n";

/** Clicks Run in the page and resolves with the ms until the chart has a point. */
function runToFirstPoint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const root = document.querySelector('[data-testid="playground"]')!;
        const points = () => Number(root.querySelector('[data-testid="playground-chart"]')?.getAttribute('data-points') ?? 0);
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (points() >= 1) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-points']});
        (root.querySelector('[data-testid="playground-run"]') as HTMLElement).click();
        setTimeout(() => reject(new Error('no chart point within 30 s')), 30_000);
      }),
  );
}

/** Clicks Stop in the page and resolves with the ms until the status says stopped. */
function stopToStopped(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const root = document.querySelector('[data-testid="playground"]')!;
        const stopped = () => root.querySelector('[data-testid="playground-status"]')?.getAttribute('data-status') === 'stopped';
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (stopped()) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-status']});
        (root.querySelector('[data-testid="playground-stop"]') as HTMLElement).click();
        setTimeout(() => reject(new Error('not stopped within 10 s')), 10_000);
      }),
  );
}

async function settle(playground: PlaygroundDriver): Promise<void> {
  for (const status of ['done', 'failed', 'stopped', 'timed-out']) {
    if ((await playground.status()) === status) return;
  }
  await playground.root.locator('[data-testid="playground-status"]:not([data-status="running"])').waitFor({timeout: 60_000});
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
    const line = (samples: number[]) => `median ${ms(median(samples))} (min ${ms(Math.min(...samples))}, max ${ms(Math.max(...samples))}, ${samples.length} runs)`;
    console.log(`Run → first chart point, the page's snippet: ${line(pageSnippet)}`);
    console.log(`Run → first chart point, one-call snippet: ${line(oneCall)}`);
    console.log(`Stop → stopped, busy loop: ${line(stops)}`);
  } finally {
    await browser.close();
    await site.stop();
  }
}

await main();
