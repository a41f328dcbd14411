/**
 * Page weight — figures printed, not asserted.
 *
 *   npm run build && npm run bench:page-weight
 *
 * Loads a guide page with a playground (its editor not used: no click, no
 * focus) and a plain page of the same build in Chromium, each in a fresh
 * context (empty cache), against `npm run serve`, and adds up the
 * JavaScript fetched: bytes as served and as gzip would send them (the
 * playground-server does not compress, so each script is gzipped here, at
 * level 6 as a typical reverse proxy would).
 */
import {gzipSync} from 'node:zlib';
import type {Browser} from 'playwright-core';
import {launchChromium} from '../tests/e2e/support/browser';
import {serveProductionBuild} from '../tests/e2e/support/serve';
import {kb} from './bench/stats';

const PAGES = {
  'retry page (playground, editor untouched)': '/guide/resilience/retry-backoff',
  'plain page': '/guide/architecture',
};

interface Weight {
  scripts: number;
  raw: number;
  gzip: number;
  largest: {url: string; gzip: number}[];
}

async function javascriptOf(browser: Browser, url: string): Promise<Weight> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const bodies: Promise<{url: string; raw: number; gzip: number} | undefined>[] = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/javascript/.test(type) && !/\.m?js(\?|$)/.test(response.url())) return;
    bodies.push(
      response.body().then(
        (body) => ({url: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body, {level: 6}).length}),
        () => undefined, // a redirect or an aborted request has no body
      ),
    );
  });
  await page.goto(url, {waitUntil: 'networkidle'});
  // Anything lazy that a first idle moment would start.
  await page.waitForTimeout(1_000);
  await page.waitForLoadState('networkidle');
  const scripts = (await Promise.all(bodies)).filter((b) => b !== undefined);
  await context.close();
  return {
    scripts: scripts.length,
    raw: scripts.reduce((sum, s) => sum + s.raw, 0),
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
    largest: scripts
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 3)
      .map(({url, gzip}) => ({url, gzip})),
  };
}

async function main(): Promise<void> {
  const [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
  try {
    const weights: Record<string, Weight> = {};
    for (const [name, path] of Object.entries(PAGES)) {
      const weight = await javascriptOf(browser, site.url + path);
      weights[name] = weight;
      console.log(
        `${name} ${path}: ${weight.scripts} scripts, ${kb(weight.raw)} raw, ${kb(weight.gzip)} gzip; largest: ` +
          weight.largest.map((s) => `${s.url} ${kb(s.gzip)}`).join(', '),
      );
    }
    const [guide, plain] = Object.values(weights) as [Weight, Weight];
    const difference = guide.gzip - plain.gzip;
    console.log(
      `difference, playground page − plain page, before the editor is used: ${difference < 0 ? '−' : '+'}${kb(Math.abs(difference))} gzip of JS`,
    );
  } finally {
    await browser.close();
    await site.stop();
  }
}

await main();
