import {readFileSync} from 'node:fs';
import type {Browser, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {launchChromium} from './support/browser';
import {PlaygroundDriver} from './support/playground';
import {type RunningSite, serveProductionBuild} from './support/serve';

/**
 * "Things to try" on the hedging, idempotency and fallback pages: each
 * suggestion is applied to the page's own driver (the same one-line edit the
 * page asks of the reader), run in the real page against the real server, and
 * the effect the page names is read off the output.
 */
const snippet = (name: string) => readFileSync(new URL(`../../src/snippets/${name}`, import.meta.url), 'utf8');

/** The driver with `const name = …;` set to `value`; fails loudly if the line is gone. */
function withConstant(code: string, name: string, value: string): string {
  const line = new RegExp(`^const ${name} = [^;]+;`, 'm');
  if (!line.test(code)) throw new Error(`the driver has no "const ${name} = …;" line any more`);
  return code.replace(line, `const ${name} = ${value};`);
}

const number = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);

describe('Things to try on the hedging, idempotency and fallback pages (real Chromium, real server)', {
  timeout: 90_000,
}, () => {
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

  async function runEdited(path: string, code: string): Promise<string> {
    await page.goto(`${site.url}${path}`);
    const driver = new PlaygroundDriver(page);
    await driver.waitForEditor();
    await driver.pasteFile(code);
    await driver.run.click();
    await driver.waitForStatus('done', 50_000);
    return (await driver.logLines()).join('\n');
  }

  const hedging = (edit: (code: string) => string, runForMs = '6_000') =>
    runEdited('/guide/resilience/hedging', edit(withConstant(snippet('hedged-requests.ts'), 'runForMs', runForMs)));

  it('hedging: hedgingDelayMs = 0 sends every attempt at once — 2 extra calls per request', async () => {
    const out = await hedging((code) => withConstant(code, 'hedgingDelayMs', '0'));
    expect(number(out, /hedging cost: (\d+\.\d+) extra/)).toBeCloseTo(2, 1);
  });

  it('hedging: hedgingDelayMs = 2_000 (longer than the tail) means no hedges — cost 0, p99 as high as plain', async () => {
    // The hedged lane's p99 is its slowest request up to 100 requests, its second slowest up to 200: it
    // needs one or two of the 5 % tail. The page's 15 s (~90 requests a lane) missed it about one run in
    // 100 (0.95^90; seen in CI); 25 s (~150, two needed) about one in 250. The page's time limit is 30 s.
    const out = await hedging((code) => withConstant(code, 'hedgingDelayMs', '2_000'), '25_000');
    expect(number(out, /hedging cost: (\d+\.\d+) extra/)).toBe(0);
    expect(number(out, /hedged: .* p99 (\d+) ms/)).toBeGreaterThan(700);
  }, 90_000);

  it('hedging: tailShare = 0.8 is a tail hedging cannot trim — hedged p99 climbs to ~800 ms', async () => {
    // All three attempts are slow about one time in two (0.8³): the page's own 15 s (~12 hedged
    // requests) misses that about one run in 5 000 (0.49^12). tailShare = 0.5 (one in eight) needed
    // longer runs than the page's time limit allows to be as sure.
    const out = await hedging((code) => withConstant(code, 'tailShare', '0.8'), '15_000');
    expect(number(out, /hedged: (\d+) requests/)).toBeGreaterThanOrEqual(10);
    expect(number(out, /hedged: .* p99 (\d+) ms/)).toBeGreaterThan(700);
  }, 90_000);

  const idempotency = (edit: (code: string) => string) =>
    runEdited(
      '/guide/resilience/idempotency',
      edit(withConstant(snippet('idempotent-retries.ts'), 'runForMs', '6_000')),
    );

  it('idempotency: keyPerAttempt = true — duplicates appear with keys too', async () => {
    const out = await idempotency((code) => withConstant(code, 'keyPerAttempt', 'true'));
    expect(number(out, /with key: \d+ payments, (\d+) duplicate/)).toBeGreaterThan(0);
  });

  it('idempotency: tailShare = 0 — no late answers, no duplicates in either lane', async () => {
    const out = await idempotency((code) => withConstant(code, 'tailShare', '0'));
    // 0 on a quiet machine. One busy enough to answer a 10 ms call past the 200 ms timeout makes
    // its own late answers (5 seen at load 18); the page's 30 % tail makes over half (9 in 14).
    const payments = number(out, /without key: (\d+) payments/);
    expect(number(out, /without key: \d+ payments, (\d+) duplicate/)).toBeLessThanOrEqual(Math.ceil(payments * 0.1));
    expect(number(out, /with key: \d+ payments, (\d+) duplicate/)).toBe(0);
  });

  it('idempotency: attemptTimeoutMs = 1_000 — the late answers are waited out, no duplicates', async () => {
    const out = await idempotency((code) => withConstant(code, 'attemptTimeoutMs', '1_000'));
    expect(number(out, /without key: \d+ payments, (\d+) duplicate/)).toBe(0);
  });

  const fallbacks = (edit: (code: string) => string) =>
    runEdited('/guide/resilience/fallbacks', edit(snippet('fallback-cache.ts')));

  it('fallbacks: staleIfErrorMs = 0 — no stale answers, the outage goes to the default', async () => {
    const out = await fallbacks((code) => withConstant(code, 'staleIfErrorMs', '0'));
    const outage = /outage answers: (.*)/.exec(out)?.[1] ?? '';
    expect(outage).not.toMatch(/stale-cache/);
    expect(outage).toMatch(/\d+ default/);
  });

  it('fallbacks: useDefault = false — the end of the outage shows unavailable errors', async () => {
    const out = await fallbacks((code) => withConstant(code, 'useDefault', 'false'));
    const outage = /outage answers: (.*)/.exec(out)?.[1] ?? '';
    expect(outage).toMatch(/\d+ unavailable/);
    expect(outage).not.toMatch(/default/);
  });

  it('fallbacks: ttlMs = 0 — every healthy request calls the Router, no fresh-cache answers', {
    timeout: 150_000,
  }, async () => {
    const base = await fallbacks((code) => code);
    const edited = await fallbacks((code) => withConstant(code, 'ttlMs', '0'));
    expect(edited).not.toMatch(/fresh-cache/);
    expect(number(edited, /(\d+) calls to the Router/)).toBeGreaterThan(number(base, /(\d+) calls to the Router/));
  });
});
