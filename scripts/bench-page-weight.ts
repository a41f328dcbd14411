/**
 * Page weight — figures printed next to the budget, nothing asserted.
 *
 *   npm run build && npm run bench:page-weight
 *
 * Budget (DESIGN.md): the gzip JS every guide page loads before interaction
 * is ≤ 1.15 × what a bare Docusaurus classic doc page loads (same version,
 * same `future` settings). The bare site is built here from
 * scripts/bench/bare-docusaurus (offline, cached under node_modules/.cache).
 *
 * Each page is opened in a fresh Chromium context (empty cache, 1280×900,
 * scrolled to the top) and left alone until the network is idle. Scripts are
 * then sorted into three kinds:
 * - before interaction: what the page itself loads — the figure the budget is on;
 * - lazy: parts a component fetched because it neared the viewport (the
 *   editor, the chart, a diagram, the spare snippet worker), i.e. anything
 *   requested after the page's first `beamline:near-viewport` mark, and any
 *   script a worker fetched;
 * - prefetch: Docusaurus fetching linked pages' chunks ahead (`Sec-Purpose: prefetch`).
 * Sizes are gzip at level 6 (as a reverse proxy would send them) of the bodies as served.
 *
 *   npm run bench:page-weight -- /guide/grpc/ --chunks
 *
 * weighs only the pages named (every guide page when none is), and with
 * `--chunks` lists each page's scripts before interaction, largest first.
 *
 * Then, for the pages whose lazy parts arrive as a reader scrolls (diagrams,
 * widgets), the layout shift (CLS) while scrolling to the bottom, at 1280 and
 * 390 px, next to its budget (≤ 0.1): a placeholder of the wrong size shows here.
 */
import {existsSync, readdirSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {join, resolve} from 'node:path';
import {gzipSync} from 'node:zlib';
import type {Browser} from 'playwright-core';
import sirv from 'sirv';
import {launchChromium} from '../tests/e2e/support/browser';
import {bareDocusaurusBuild} from './bench/bare-docusaurus';
import {kb} from './bench/stats';

const BUDGET = 1.15;
const lazyMark = 'beamline:near-viewport';

interface Weight {
  before: number;
  lazy: number;
  prefetch: number;
  /** The scripts counted in `before`, by path, with their gzip sizes. */
  beforeScripts: Map<string, number>;
}

async function serve(dir: string): Promise<{url: string; server: Server}> {
  const handler = sirv(dir, {dev: false, etag: false});
  const server = createServer((request, response) =>
    handler(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {url: `http://127.0.0.1:${address.port}`, server};
}

function guidePages(build: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string, path: string) => {
    if (existsSync(join(dir, 'index.html'))) pages.push(path);
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${path}${entry.name}/`);
    }
  };
  walk(join(build, 'guide'), '/guide/');
  return pages.sort();
}

async function weigh(browser: Browser, url: string): Promise<Weight> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const scripts: Promise<{url: string; gzip: number; prefetch: boolean} | undefined>[] = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/javascript/.test(type) && !/\.m?js(\?|$)/.test(response.url())) return;
    scripts.push(
      Promise.all([response.body(), response.request().headerValue('sec-purpose')]).then(
        ([body, purpose]) => ({
          url: response.url(),
          gzip: gzipSync(body, {level: 6}).length,
          prefetch: /prefetch/.test(purpose ?? ''),
        }),
        () => undefined, // a redirect or an aborted request has no body
      ),
    );
  });
  let inFlight = 0;
  let lastActivity = Date.now();
  const activity = (change: number) => () => {
    inFlight += change;
    lastActivity = Date.now();
  };
  page.on('request', activity(1));
  page.on('requestfinished', activity(-1));
  page.on('requestfailed', activity(-1));
  await page.goto(url, {waitUntil: 'load'});
  // On a busy machine the route's chunks are asked for only once main.js has
  // run, which can be later than 'networkidle' thinks: wait for the page's
  // idle time and then for a second without any request.
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(null), {timeout: 15_000})));
  while (inFlight > 0 || Date.now() - lastActivity < 1_500) await page.waitForTimeout(250);
  // The page's own record of when each script was asked for, and of when the first lazy part started.
  const timing = await page.evaluate((mark) => {
    const lazyAt = performance.getEntriesByName(mark)[0]?.startTime ?? Number.POSITIVE_INFINITY;
    const started: Record<string, number> = {};
    for (const entry of performance.getEntriesByType('resource')) started[entry.name] ??= entry.startTime;
    return {lazyAt, started};
  }, lazyMark);
  await context.close();
  const weight: Weight = {before: 0, lazy: 0, prefetch: 0, beforeScripts: new Map()};
  for (const script of await Promise.all(scripts)) {
    if (!script) continue;
    const startedAt = timing.started[script.url];
    if (script.prefetch) weight.prefetch += script.gzip;
    else if (startedAt === undefined || startedAt >= timing.lazyAt) weight.lazy += script.gzip;
    else {
      weight.before += script.gzip;
      weight.beforeScripts.set(new URL(script.url).pathname, script.gzip);
    }
  }
  return weight;
}

/** Pages whose lazy parts (diagrams, widgets) arrive while a reader scrolls: their layout shift is printed. */
const shiftPages = [
  '/guide/architecture/',
  '/guide/production/',
  '/guide/grpc/',
  '/guide/http-gateway/',
  '/guide/resilience/many-clients/',
  '/guide/resilience/retry-backoff/',
  '/guide/resilience/circuit-breaker/',
];
const CLS_BUDGET = 0.1;

/**
 * Cumulative layout shift while a reader scrolls the page from top to bottom
 * (300 px every 200 ms): the largest session window of shifts (gaps < 1 s,
 * at most 5 s), as Chromium's web-vitals count it. Scrolling is not input, so
 * a lazy part that arrives and pushes the text counts.
 */
async function layoutShift(browser: Browser, url: string, width: number): Promise<number> {
  const context = await browser.newContext({viewport: {width, height: 900}});
  const page = await context.newPage();
  await page.addInitScript(() => {
    const shifts: {value: number; time: number}[] = [];
    (window as unknown as {shifts: typeof shifts}).shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {value: number; startTime: number; hadRecentInput: boolean}[])
        if (!entry.hadRecentInput) shifts.push({value: entry.value, time: entry.startTime});
    }).observe({type: 'layout-shift', buffered: true});
  });
  await page.goto(url, {waitUntil: 'networkidle'});
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 300) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(1_500);
  const shifts = await page.evaluate(() => (window as unknown as {shifts: {value: number; time: number}[]}).shifts);
  await context.close();
  let worst = 0;
  let window_ = {sum: 0, first: 0, last: 0};
  for (const {value, time} of shifts) {
    if (window_.sum > 0 && (time - window_.last > 1_000 || time - window_.first > 5_000))
      window_ = {sum: 0, first: time, last: time};
    if (window_.sum === 0) window_.first = time;
    window_.sum += value;
    window_.last = time;
    worst = Math.max(worst, window_.sum);
  }
  return worst;
}

function printChunks(weight: Weight): void {
  for (const [path, gzip] of [...weight.beforeScripts].sort((a, b) => b[1] - a[1]))
    console.log(`    ${kb(gzip).padStart(10)}  ${path}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const chunks = args.includes('--chunks');
  const only = args.filter((arg) => arg.startsWith('/'));
  const guideBuild = resolve(process.env.STATIC_DIR ?? 'build');
  const bareBuild = bareDocusaurusBuild();
  const [guide, bare, browser] = await Promise.all([serve(guideBuild), serve(bareBuild), launchChromium()]);
  try {
    const reference = await weigh(browser, `${bare.url}/docs/intro`);
    console.log(
      `bare Docusaurus classic /docs/intro: ${kb(reference.before)} gzip JS before interaction (budget per page: ≤ ${BUDGET} × = ${kb(reference.before * BUDGET)})`,
    );
    console.log(
      'page'.padEnd(48),
      'before'.padStart(10),
      '× bare'.padStart(7),
      'lazy'.padStart(10),
      'prefetch'.padStart(10),
    );
    let worst = 0;
    if (chunks) printChunks(reference);
    for (const path of only.length ? only : guidePages(guideBuild)) {
      const weight = await weigh(browser, guide.url + path);
      const ratio = weight.before / reference.before;
      worst = Math.max(worst, ratio);
      console.log(
        `${path.padEnd(48)} ${kb(weight.before).padStart(10)} ${ratio.toFixed(2).padStart(6)}${ratio > BUDGET ? '!' : ' '} ${kb(weight.lazy).padStart(10)} ${kb(weight.prefetch).padStart(10)}`,
      );
      if (chunks) printChunks(weight);
    }
    console.log(
      `worst page: ${worst.toFixed(2)} × bare (budget ≤ ${BUDGET}) — ${worst <= BUDGET ? 'within' : 'OVER'} budget`,
    );
    console.log(`layout shift while scrolling to the bottom (CLS, budget ≤ ${CLS_BUDGET}):`);
    for (const path of shiftPages.filter((page) => !only.length || only.includes(page))) {
      const figures: string[] = [];
      for (const width of [1280, 390]) {
        const cls = await layoutShift(browser, guide.url + path, width);
        figures.push(`${width} px ${cls.toFixed(3)}${cls > CLS_BUDGET ? '!' : ''}`);
      }
      console.log(`${path.padEnd(48)} ${figures.join('   ')}`);
    }
  } finally {
    await browser.close();
    guide.server.close();
    bare.server.close();
  }
}

await main();
