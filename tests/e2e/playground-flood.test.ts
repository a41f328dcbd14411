import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {launchChromium} from './support/browser';
import {PlaygroundDriver} from './support/playground';
import {serveProductionBuild, type RunningSite} from './support/serve';
import {outcomeColor} from '../../src/components/LiveChart/outcome-colors';
import {floodRows} from '../../src/components/Playground/run-output';

describe("what a run shows, at a flood's pace (production build, real Chromium, real server)", () => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;
  let playground: PlaygroundDriver;

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
    page = await browser.newPage({viewport: {width: 1280, height: 900}});
    await page.goto(`${site.url}/guide/resilience/retry-backoff`);
    playground = new PlaygroundDriver(page);
    await playground.waitForEditor();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** The centre, in CSS px from the plot's corner, of the pixels the marks canvas has in `color` (#rrggbb). */
  const centreOf = (color: string) =>
    playground.chart
      .locator('[data-testid="chart-drawn"] > canvas')
      .last()
      .evaluate((canvas: HTMLCanvasElement, hex) => {
        const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
        const {data, width} = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        const found = {x: 0, y: 0, count: 0};
        for (let index = 0; index < data.length; index += 4) {
          if (data[index] !== r || data[index + 1] !== g || data[index + 2] !== b || data[index + 3] !== 255) continue;
          found.x += (index / 4) % width;
          found.y += Math.floor(index / 4 / width);
          found.count++;
        }
        const ratio = canvas.width / canvas.clientWidth;
        return {x: found.x / found.count / ratio, y: found.y / found.count / ratio, count: found.count};
      }, color);

  it("draws each call in its outcome's colour, and the pointer on it shows that call", async () => {
    await playground.setCode(
      "chart.point({attempt: 1, delayMs: 200, outcome: 'ok'});\nchart.point({attempt: 2, delayMs: 900, outcome: 'unavailable'});\n",
    );
    await playground.run.click();
    await playground.waitForStatus('done');
    const drawn = playground.chart.getByTestId('chart-drawn');
    await expect.poll(() => drawn.getAttribute('data-markers')).toBe('2');
    const ok = await centreOf(outcomeColor('ok'));
    const unavailable = await centreOf(outcomeColor('unavailable'));
    // A marker's inside is its colour, fully: some tens of pixels each, the one above the other.
    expect(ok.count).toBeGreaterThan(20);
    expect(unavailable.count).toBeGreaterThan(10);
    expect(unavailable.y).toBeLessThan(ok.y - 20);

    await drawn.hover({position: {x: unavailable.x, y: unavailable.y}});
    await expect.poll(() => drawn.innerText()).toMatch(/attempt 2\s+unavailable at [\d.]+ s\s+waited 900 ms before it/);
    await drawn.hover({position: {x: ok.x, y: ok.y}});
    await expect.poll(() => drawn.innerText()).toMatch(/attempt 1\s+ok at [\d.]+ s\s+waited 200 ms before it/);
    await page.mouse.move(0, 0);
  });

  it("keeps the plot where it is when a run's second outcome joins the legend", async () => {
    const legendHeight = async (outcomes: string[]) => {
      await playground.setCode(
        `${outcomes.map((outcome) => `chart.point({attempt: 1, delayMs: 100, outcome: '${outcome}'});`).join('\n')}\n`,
      );
      await playground.run.click();
      await playground.waitForStatus('done');
      await expect.poll(() => playground.chart.locator('.recharts-legend-item').count()).toBe(outcomes.length);
      // The plot starts under the legend: a legend that grows moves it, and recharts lays the chart out again.
      return playground.chart
        .locator('.recharts-legend-wrapper')
        .evaluate((legend) => legend.getBoundingClientRect().height);
    };
    expect(await legendHeight(['ok', 'unavailable'])).toBe(await legendHeight(['ok']));
  });

  it('keeps a flood to a screenful or two of log rows, with its clock ticking and its spinner turning, until Stop', async () => {
    await playground.setCode(
      'let i = 0;\nwhile (true) {\n  i++;\n  log("call", i);\n  chart.point({attempt: 1, delayMs: i % 400, outcome: i % 3 ? "ok" : "unavailable"});\n}\n',
    );
    await playground.run.click();
    await playground.root.getByTestId('playground-dropped').waitFor({timeout: 20_000});
    // A screenful and some: the rows overflow the pane's box, which shows about twelve.
    const rows = playground.output.locator('li[data-level]');
    await expect.poll(() => rows.count()).toBe(floodRows);
    expect(await playground.output.evaluate((list) => list.scrollHeight > list.clientHeight)).toBe(true);
    const clock = () => playground.root.getByTestId('playground-status').innerText();
    const before = await clock();
    await expect.poll(clock).not.toBe(before);
    expect(await clock()).toMatch(/^Running\s*\d+\.\d s$/);
    // The clock's box holds its text (its size is fixed: see .elapsed).
    const elapsed = playground.root.getByTestId('playground-status').locator('span').last();
    expect(await elapsed.evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
    // The spinner turns with the clock, a spoke a tick: no animation of its own keeps the compositor drawing.
    const spinner = playground.root.getByTestId('playground-status').locator('span[aria-hidden="true"]');
    expect(await spinner.evaluate((element) => element.getAnimations({subtree: true}).length)).toBe(0);
    const turn = () => spinner.evaluate((element) => element.style.transform);
    const firstTurn = await turn();
    expect(firstTurn).toMatch(/^rotate\(\d+deg\)$/);
    await expect.poll(turn).not.toBe(firstTurn);
    const legend = await playground.chart.locator('.recharts-legend-item-text').allInnerTexts();
    expect(legend).toEqual(['ok', 'unavailable']);
    await playground.stop.click();
    await playground.waitForStatus('stopped', 5_000);
    expect(await clock()).toMatch(/^Stopped after \d+\.\d s$/);
  });
});
