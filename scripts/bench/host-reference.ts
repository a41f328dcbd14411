import type {Browser} from 'playwright-core';
import {median} from './stats';

/**
 * A fixed piece of work timed in a fresh Chromium page: the same code every
 * run, so its figure moves only with the host. On this project's shared
 * 2-core machines, the same build's wall times drift 1.2–1.6× within an hour;
 * printed beside a bench's figures, this says which host they were taken on.
 *
 * Shaped like a page's start-up: thousands of distinct functions, each
 * compiled on its first call (as Monaco's modules are), then a hot loop.
 */
const workload = (() => {
  const functions = Array.from(
    {length: 3_000},
    (_, i) =>
      `function f${i}(o) { const a = [o.n, ${i}, o.s.length]; let t = 0; for (const v of a) t += v * ${i % 7}; return {n: t % 97, s: o.s + '${i % 10}'}; }`,
  );
  const calls = Array.from({length: 3_000}, (_, i) => `o = f${i}(o);`).join('\n');
  return `(() => {
    const started = performance.now();
    ${functions.join('\n')}
    let o = {n: 1, s: ''};
    ${calls}
    const sorted = Array.from({length: 200000}, (_, i) => (i * 7919) % 100003).sort((a, b) => a - b);
    return [performance.now() - started, o.n + sorted[0]];
  })()`;
})();

/** The workload's median time over `runs` fresh pages, in ms. */
export async function hostReferenceMs(browser: Browser, runs = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const [elapsed] = (await page.evaluate(workload)) as [number, number];
    samples.push(elapsed);
    await context.close();
  }
  return median(samples);
}
