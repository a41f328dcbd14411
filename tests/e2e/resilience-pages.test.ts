import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {launchChromium} from './support/browser';
import {PlaygroundDriver} from './support/playground';
import {serveProductionBuild, type RunningSite} from './support/serve';

/**
 * Every Section 5 pattern page, as a reader uses it: open the page, wait for
 * the editor, press Run on each playground, and check that the run ended by
 * itself with a chart that drew the pattern's series and an output pane with
 * lines. One server and one browser for the whole file; the playgrounds of a
 * page run side by side, as a reader pressing both Run buttons would.
 */
interface Expected {
  /** Fewer chart points than this means the chart did not get the run. */
  minPoints: number;
  /** Legend entries the chart must show (outcomes and line names). */
  legend: RegExp[];
  /** Output lines that must appear. */
  logs: RegExp[];
}

const pages: Array<{path: string; playgrounds: Expected[]}> = [
  {
    path: '/guide/resilience/circuit-breaker',
    playgrounds: [{minPoints: 60, legend: [/^ok$/, /^rejected$/], logs: [/circuit closed → open/, /done: circuit is/]}],
  },
  {
    path: '/guide/resilience/retry-budgets',
    playgrounds: [
      {
        minPoints: 60,
        legend: [/^ok$/, /^unavailable$/, /tokens \(right\)/],
        logs: [/retries stop/, /outage: \d+ requests → \d+ calls/],
      },
    ],
  },
  {
    path: '/guide/resilience/rate-limiting',
    playgrounds: [
      {
        minPoints: 80,
        legend: [/^ok$/, /^rejected$/, /tokens in the bucket/],
        logs: [/another burst of 20\/s: \d+ admitted, [1-9]\d* refused/],
      },
      {
        minPoints: 40,
        legend: [/^ok$/, /^resource_exhausted$/],
        logs: [/grpc-retry-pushback-ms: \d+/, /honouring pushback: 20 requests in/],
      },
    ],
  },
  {
    path: '/guide/resilience/backpressure',
    playgrounds: [
      {
        minPoints: 100,
        legend: [/^ok$/, /^rejected$/, /waiting \(right\)/],
        logs: [/queue full \(5 waiting\)/, /done: [1-9]\d* rejected/],
      },
      {minPoints: 40, legend: [/^accepted$/, /^dropped locally$/, /^p \(right\)$/], logs: [/overloaded/, /last 2 s:/]},
    ],
  },
  {
    path: '/guide/resilience/timeouts-deadlines',
    playgrounds: [
      {minPoints: 30, legend: [/^ok$/, /^deadline_exceeded$/, /attempt timeout/], logs: [/request \d+: ok in \d+ ms/]},
    ],
  },
  {
    path: '/guide/resilience/hedging',
    playgrounds: [
      {
        minPoints: 20,
        legend: [/^plain$/, /^hedged$/, /^p99 hedged$/, /extra calls per request/],
        logs: [
          /plain: \d+ requests, p50 \d+ ms/,
          /hedged: \d+ requests/,
          /hedging cost: \d\.\d\d extra calls per request/,
        ],
      },
    ],
  },
  {
    path: '/guide/resilience/idempotency',
    playgrounds: [
      {
        minPoints: 6,
        legend: [/^without key$/, /^with key$/],
        logs: [
          /without key: \d+ payments, [1-9]\d* duplicate entries/,
          /with key: \d+ payments, 0 duplicate entries, [1-9]\d* answered from a stored result/,
        ],
      },
    ],
  },
  {
    path: '/guide/resilience/fallbacks',
    playgrounds: [
      {
        minPoints: 40,
        legend: [/^router$/, /^fresh-cache$/, /^stale-cache$/, /^default$/],
        logs: [/outage answers: .*stale-cache.*default|outage answers: .*default.*stale-cache/, /calls to the Router/],
      },
    ],
  },
];

describe('Section 5 pattern pages (production build, real Chromium, real server)', () => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
    page = await browser.newPage({viewport: {width: 1280, height: 900}});
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('the fault panel shows the fault a snippet’s own fault() puts in force, not only the dial', async () => {
    await page.goto(`${site.url}/guide/resilience/retry-budgets`);
    const driver = new PlaygroundDriver(page);
    await driver.waitForEditor();
    // What the page's scripted driver does in its outage phase, held long enough to look at.
    await driver.setCode("fault('error=0.9;code=unavailable;latency=20ms');\nawait sleep(30_000);\n");
    const inForce = driver.root.getByTestId('playground-fault-in-force');
    expect(await driver.root.getByTestId('playground-fault-header').innerText()).toBe(
      'No faults: the server answers normally.',
    );
    await driver.run.click();
    await expect
      .poll(() => inForce.innerText(), {timeout: 15_000})
      .toBe(
        'In force now: x-beamline-fault: error=0.9;code=unavailable;latency=20ms — the snippet set it with fault(), over the dial.',
      );
    await driver.stop.click();
    await expect.poll(() => inForce.innerText()).toBe('');
    await driver.reset.click();
  });

  for (const {path, playgrounds} of pages) {
    it(`${path}: every playground runs to the end and charts its pattern`, async () => {
      await page.goto(`${site.url}${path}`);
      const drivers = playgrounds.map((_, index) => new PlaygroundDriver(page, index));
      expect(await page.getByTestId('playground').count()).toBe(playgrounds.length);
      for (const driver of drivers) await driver.waitForEditor();
      for (const driver of drivers) await driver.run.click();
      for (const driver of drivers) await driver.waitForStatus('done', 30_000);
      // The page's playgrounds share one compiler (borrowPageCompiler), not one worker each.
      await expect
        .poll(() => page.workers().filter((worker) => worker.url().includes('beamline-compiler')).length)
        .toBe(1);

      for (const [index, expected] of playgrounds.entries()) {
        const driver = drivers[index];
        expect(await driver.chartPoints()).toBeGreaterThan(expected.minPoints);
        const legend = await driver.chart.locator('.recharts-legend-item-text').allInnerTexts();
        for (const entry of expected.legend)
          expect(
            legend.some((text) => entry.test(text)),
            `${entry} in ${legend}`,
          ).toBe(true);
        const lines = await driver.logLines();
        for (const line of expected.logs)
          expect(
            lines.some((text) => line.test(text)),
            `${line} in the output`,
          ).toBe(true);
      }
    });
  }
});
