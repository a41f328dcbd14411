import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {launchChromium, watchForeignRequests} from './support/browser';
import {serveProductionBuild, type RunningSite} from './support/serve';

describe('many-clients simulation page (production build, real Chromium)', () => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;
  let foreign: string[];

  const sweepPoints = () => page.getByTestId('simulation-charts').getAttribute('data-points').then(Number);
  const curves = () =>
    page
      .getByTestId('simulation-charts')
      .locator('.recharts-line-curve')
      .evaluateAll((paths) => paths.map((path) => path.getAttribute('d')));

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
    page = await browser.newPage({viewport: {width: 1280, height: 900}});
    foreign = watchForeignRequests(page);
    await page.goto(`${site.url}/guide/resilience/many-clients`);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('sweeps 10…200 clients for every strategy in a worker and draws both charts', async () => {
    await expect.poll(sweepPoints, {timeout: 20_000}).toBe(20 * 5);
    await page.getByTestId('simulation-charts').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('simulation-charts').locator('.recharts-line').count()).toBe(10);
    expect(await page.getByTestId('simulation-charts').locator('.recharts-line').count()).toBe(10);
    await expect
      .poll(() => page.getByTestId('simulation-status').innerText())
      .toMatch(/20 client counts × 5 strategies in \d+ ms/);
  });

  it('on a phone, fetches recharts only when the charts near the viewport, in boxes of their size', async () => {
    const phone = await browser.newPage({viewport: {width: 390, height: 700}});
    const rechartsScripts: string[] = [];
    phone.on('response', async (response) => {
      if (!/\.js$/.test(new URL(response.url()).pathname)) return;
      if ((await response.text().catch(() => '')).includes('recharts-wrapper')) rechartsScripts.push(response.url());
    });
    await phone.goto(`${site.url}/guide/resilience/many-clients`, {waitUntil: 'networkidle'});
    const charts = phone.getByTestId('simulation-charts');
    // The sweep itself is computed (in its worker) without recharts.
    await expect.poll(() => charts.getAttribute('data-points').then(Number), {timeout: 20_000}).toBe(20 * 5);
    expect(rechartsScripts).toEqual([]);
    const figures = charts.locator('figure');
    const before = await figures.evaluateAll((all) => all.map((figure) => figure.getBoundingClientRect().height));
    await charts.scrollIntoViewIfNeeded();
    await expect.poll(() => charts.locator('.recharts-line').count(), {timeout: 20_000}).toBe(10);
    expect(rechartsScripts.length).toBeGreaterThan(0);
    const after = await figures.evaluateAll((all) => all.map((figure) => figure.getBoundingClientRect().height));
    expect(after).toEqual(before);
    await phone.close();
  });

  it('draws the curves on recharts’ axes: from the 10 to the 200 clients tick, the log chart’s between the 1-2-5 steps around its values', async () => {
    const figures = page.getByTestId('simulation-charts').locator('figure');
    const drawn = await figures.evaluateAll((all) =>
      all.map((figure) => {
        const at = (element: Element | null, name: string) => Number(element?.getAttribute(name));
        const yAxis = figure.querySelector('.recharts-yAxis .recharts-cartesian-axis-line');
        return {
          xTicks: [...figure.querySelectorAll('.recharts-xAxis .recharts-cartesian-axis-tick-line')].map((tick) =>
            at(tick, 'x1'),
          ),
          // Labels as the chart formats them: 1000, then 10k, 20k…
          yTicks: [...figure.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map(
            (label) => ({
              value: Number(label.textContent?.replace(/k$/, '000')),
              y: at(label, 'y'),
            }),
          ),
          top: at(yAxis, 'y1'),
          bottom: at(yAxis, 'y2'),
          curves: [...figure.querySelectorAll('.recharts-line-curve')].map((path) =>
            (path.getAttribute('d') ?? '')
              .split(/[ML]/)
              .filter(Boolean)
              .map((point) => point.split(',').map(Number) as [number, number]),
          ),
        };
      }),
    );
    expect(drawn).toHaveLength(2);
    for (const {xTicks, top, bottom, curves} of drawn) {
      expect(curves).toHaveLength(5);
      for (const curve of curves) {
        expect(curve).toHaveLength(20);
        expect(curve[0]![0]).toBeCloseTo(xTicks[0]!, 1);
        expect(curve.at(-1)![0]).toBeCloseTo(xTicks.at(-1)!, 1);
        for (const [, y] of curve) expect(y >= top - 0.01 && y <= bottom + 0.01).toBe(true);
      }
    }
    // The log chart runs from the 1-2-5 step at or below its lowest value to the one at or above its highest,
    // labelled at 1-2-5 steps: read the scale off two labels, then the values at the axis' ends.
    const {yTicks, top, bottom, curves} = drawn[1]!;
    const isStep = (value: number) => /^[125]0*$/.test(String(Math.round(value)));
    expect(yTicks.length).toBeGreaterThanOrEqual(2);
    for (const tick of yTicks) expect(isStep(tick.value)).toBe(true);
    const [first, last] = [yTicks[0]!, yTicks.at(-1)!];
    const valueAt = (y: number) => first.value * (last.value / first.value) ** ((y - first.y) / (last.y - first.y));
    const [lowEnd, highEnd] = [valueAt(bottom), valueAt(top)];
    expect(isStep(lowEnd)).toBe(true);
    expect(isStep(highEnd)).toBe(true);
    const values = curves.flat().map(([, y]) => valueAt(y));
    const [lowest, highest] = [Math.min(...values), Math.max(...values)];
    // No whole step to spare at either end: the next step up from the bottom is above the lowest value…
    expect(lowest).toBeGreaterThanOrEqual(lowEnd * 0.99);
    expect(lowest).toBeLessThan(lowEnd * (String(Math.round(lowEnd))[0] === '2' ? 2.5 : 2));
    // …and the step below the top is under the highest.
    expect(highest).toBeLessThanOrEqual(highEnd * 1.01);
    expect(highest).toBeGreaterThan(highEnd / (String(Math.round(highEnd))[0] === '5' ? 2.5 : 2));
  });

  it('shows a point’s five values in a tooltip, under the pointer or stepped to with the arrow keys', async () => {
    const chart = page.getByTestId('simulation-charts').locator('figure').first().getByRole('application');
    const tooltip = chart.getByTestId('simulation-tooltip');
    const lastTick = await chart
      .locator('.recharts-xAxis .recharts-cartesian-axis-tick-line')
      .last()
      .evaluate((tick) => Number(tick.getAttribute('x1')));
    await chart.hover({position: {x: lastTick - 2, y: 150}});
    await expect.poll(() => tooltip.locator('.recharts-tooltip-label').innerText()).toBe('200 clients');
    const items = () => tooltip.locator('.recharts-tooltip-item').allInnerTexts();
    const hovered = await items();
    expect(hovered.map((item) => item.split(' : ')[0])).toEqual([
      'no backoff',
      'exponential',
      'full jitter',
      'equal jitter',
      'decorrelated jitter',
    ]);
    for (const item of hovered) expect(item).toMatch(/ : [\d,]+$/);
    await page.mouse.move(0, 0);
    await expect.poll(() => tooltip.count()).toBe(0);

    await chart.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tooltip.locator('.recharts-tooltip-label').innerText()).toBe('10 clients');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tooltip.locator('.recharts-tooltip-label').innerText()).toBe('20 clients');
    // Read out as it changes, as recharts' own tooltip is.
    expect(await tooltip.locator('[role="status"]').getAttribute('aria-live')).toBe('assertive');
    await page.keyboard.press('Tab');
    await expect.poll(() => tooltip.count()).toBe(0);
  });

  it('re-runs when the reader moves a slider', async () => {
    // Every curve but "no backoff" depends on the base delay.
    const before = await curves();
    const base = page.getByTestId('simulation-base');
    // The shared Slider: a screen reader hears the value in its unit, not a bare number.
    expect(await base.getAttribute('aria-valuetext')).toBe('5 ms');
    await base.fill('40');
    expect(await base.getAttribute('aria-valuetext')).toBe('40 ms');
    await expect
      .poll(async () => (await curves()).filter((d, index) => d !== before[index]).length, {timeout: 20_000})
      .toBeGreaterThanOrEqual(6);
  });

  it('draws a sweep it has shown before straight from the page, identical', async () => {
    const base = page.getByTestId('simulation-base');
    const status = page.getByTestId('simulation-status');
    await expect.poll(() => status.getAttribute('data-computing'), {timeout: 20_000}).toBe('false');
    const at40 = await curves();
    await base.fill('41');
    await expect.poll(async () => (await curves()).join() !== at40.join(), {timeout: 20_000}).toBe(true);
    await expect.poll(() => status.getAttribute('data-computing'), {timeout: 20_000}).toBe('false');
    await base.fill('40');
    // Drawn in the input event: no worker round trip, nothing to wait for.
    expect(await status.innerText()).toMatch(/20 client counts × 5 strategies computed ahead/);
    expect(await curves()).toEqual(at40);
  });

  it('gives each chart its numbers as a table behind "Show data", following the sliders', async () => {
    const figure = page.getByTestId('simulation-charts').locator('figure').first();
    const table = figure.getByTestId('simulation-data');
    // Not built until asked for: the sliders re-render the panel.
    expect(await table.count()).toBe(0);
    await figure.getByText(/Show data/).click();
    const cells = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.textContent));
    await expect.poll(() => table.locator('tbody tr').count()).toBe(20);
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'clients',
      'no backoff',
      'exponential',
      'full jitter',
      'equal jitter',
      'decorrelated jitter',
    ]);
    expect(await table.locator('tbody th').first().innerText()).toBe('10');
    const before = await cells();
    await page.getByTestId('simulation-base').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(cells, {timeout: 20_000}).not.toEqual(before);
  });

  it('shows a retry budget capping amplification through layers', async () => {
    const table = page.getByTestId('amplification-table');
    await expect.poll(() => table.innerText(), {timeout: 20_000}).toContain('27');
    await page.getByTestId('simulation-layers').fill('2');
    await expect.poll(() => table.locator('tbody tr').first().innerText(), {timeout: 20_000}).toMatch(/\b9\b/);
  });

  it('made no request to any host but this machine', () => {
    expect(foreign).toEqual([]);
  });
});
