import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Locator, Page} from 'playwright-core';
import {launchChromium, watchForeignRequests} from './support/browser';
import {liveAncestorScript, retype, tabTo} from './support/keyboard';
import {serveProductionBuild, type RunningSite} from './support/serve';

/** Drives the first <HttpConsole> on a page through its test ids. */
class ConsoleDriver {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('http-console').first();
  }
  id(name: string) {
    return this.root.getByTestId(`http-console-${name}`);
  }
  async send(): Promise<void> {
    await this.id('send').click();
    await this.root.locator('[data-testid="http-console-response"][data-phase="done"]').waitFor({timeout: 15_000});
  }
  async status(): Promise<string> {
    return this.id('status').innerText();
  }
  async body(): Promise<unknown> {
    return JSON.parse(await this.id('response-body').innerText());
  }
  async header(name: string): Promise<string | null> {
    const row = this.id('response-headers').locator(`[data-header="${name}"] dd`);
    return (await row.count()) ? row.innerText() : null;
  }
}

describe('HTTP console (c-gateway page, production build, real Chromium, real server)', () => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;
  let foreign: string[];
  let console_: ConsoleDriver;

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
    page = await browser.newPage({viewport: {width: 1280, height: 900}});
    foreign = watchForeignRequests(page);
    await page.goto(`${site.url}/guide/http-gateway/`);
    console_ = new ConsoleDriver(page);
    await console_.root.scrollIntoViewIfNeeded();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('sends the decide example and shows status, headers, the JSON body and the timing', async () => {
    await console_.send();
    expect(await console_.status()).toMatch(/^200\b/);
    const body = (await console_.body()) as {
      ok: boolean;
      decision: {provider_id: string};
      context: {request_id: string};
    };
    expect(body.ok).toBe(true);
    expect(body.decision.provider_id).toMatch(/^(alpha|beta)$/);
    expect(body.context.request_id).toBe('req-1');
    expect(await console_.header('content-type')).toContain('application/json');
    expect(await console_.id('timing').innerText()).toMatch(/headers \d+ ms · total \d+ ms · \d+/);
  });

  it('announces a one-line summary of the answer, and keeps the body and headers out of any live region', async () => {
    expect(await console_.id('announcement').innerText()).toMatch(/^200 OK in \d+ ms, \d+ B\.$/);
    expect(await console_.id('announcement').getAttribute('role')).toBe('status');
    expect(await console_.id('response-body').evaluate(liveAncestorScript)).toBeNull();
    expect(await console_.id('response-headers').evaluate(liveAncestorScript)).toBeNull();
  });

  it('shows the gateway’s own 400 envelope when X-Tenant-ID is missing', async () => {
    await console_.id('preset').selectOption('missing-tenant');
    await console_.send();
    expect(await console_.status()).toMatch(/^400\b/);
    expect(await console_.body()).toMatchObject({ok: false, error: {message: 'missing X-Tenant-ID header'}});
  });

  it('names a malformed header line and will not send until it is fixed', async () => {
    await console_.id('preset').selectOption('decide');
    await console_.id('headers').fill('Content-Type: application/json\nX-Tenant-ID demo');
    await expect.poll(() => console_.id('problems').innerText()).toMatch(/line 2 is not "Name: value"/);
    expect(await console_.id('send').isDisabled()).toBe(true);
    await console_.id('headers').fill('Content-Type: application/json\nX-Tenant-ID: demo');
    expect(await console_.id('send').isEnabled()).toBe(true);
  });

  it('is driven by keyboard alone: Tab reaches each control with visible focus, Ctrl/Cmd+Enter sends', async () => {
    await console_.id('preset').focus();
    await tabTo(page, 'http-console-path');
    await tabTo(page, 'http-console-send');
    await tabTo(page, 'http-console-headers');
    await tabTo(page, 'http-console-fault-error');
    expect(await console_.id('fault-error').getAttribute('aria-valuetext')).toBe('0 %');
    await page.keyboard.press('ArrowRight');
    expect(await console_.id('fault-error').getAttribute('aria-valuetext')).toBe('5 %');
    await page.keyboard.press('Home');
    await tabTo(page, 'http-console-fault-latency');
    expect(await console_.id('fault-latency').getAttribute('aria-valuetext')).toBe('0 ms');
    await page.keyboard.press('ControlOrMeta+Enter');
    await console_.root.locator('[data-testid="http-console-response"][data-phase="done"]').waitFor({timeout: 15_000});
    expect(await console_.status()).toMatch(/^200\b/);
  });

  it('blames the input, not the server, for a path that leaves the site — and sends nothing', async () => {
    await tabTo(page, 'http-console-path', {backwards: true});
    await retype(page, '//example.com/api/v1/routes/decide');
    await expect
      .poll(() => console_.id('problems').innerText())
      .toBe(
        'The path "//example.com/api/v1/routes/decide" would leave this site: a path starting with "//" names another host. Start it with a single "/".',
      );
    expect(await console_.id('path').getAttribute('aria-invalid')).toBe('true');
    expect(await console_.id('send').isDisabled()).toBe(true);
    await page.keyboard.press('ControlOrMeta+Enter');
    expect(await console_.root.locator('[data-testid="http-console-response"]').getAttribute('data-phase')).toBe(
      'done',
    );
    await retype(page, '/api/v1/routes/decide');
    expect(await console_.id('problems').count()).toBe(0);
  });

  it('blames the browser for a header value it cannot send (beyond Latin-1), before anything is sent', async () => {
    await console_.id('preset').selectOption('missing-tenant');
    await console_.id('preset').selectOption('decide');
    await console_.id('headers').focus();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nX-Greeting: Łódź ☺');
    await expect
      .poll(() => console_.id('problems').innerText())
      .toBe(
        'Header line 4: your browser cannot send "Ł" in a header value (only Latin-1 characters are allowed). Use plain ASCII, or percent-encode the value.',
      );
    expect(await console_.id('send').isDisabled()).toBe(true);
    await console_.id('preset').selectOption('decide');
    await console_.id('preset').selectOption('missing-tenant');
    await console_.id('preset').selectOption('decide');
    expect(await console_.id('headers').inputValue()).not.toContain('Łódź');
  });

  it('the fault dial adds x-beamline-fault, and the server fails this request with the chosen code', async () => {
    await console_.id('fault-error').fill('100');
    await console_.id('fault-code').selectOption('unavailable');
    expect(await console_.id('fault-header').innerText()).toContain('x-beamline-fault: error=1;code=unavailable');
    await console_.send();
    expect(await console_.status()).toMatch(/^503\b/);
    expect(await console_.body()).toMatchObject({ok: false, error: {code: 'unavailable'}});
    await console_.id('fault-error').fill('0');
    expect(await console_.id('fault-header').innerText()).toMatch(/No faults/);
  });

  it('shows progress while a slow request is in flight, and Escape cancels it', async () => {
    await console_.id('fault-latency').fill('3000');
    await console_.id('body').focus();
    await page.keyboard.press('ControlOrMeta+Enter');
    await console_.root.locator('[data-testid="http-console-response"][data-phase="sending"]').waitFor({timeout: 2000});
    expect(await console_.id('cancel').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await console_.root
      .locator('[data-testid="http-console-response"][data-phase="cancelled"]')
      .waitFor({timeout: 2000});
    // Cancelled before the 3 s answer came: the page's own count, not the test's round trips.
    const cancelledAfter = /^Cancelled after (\d+) ms\.$/.exec(await console_.id('error').innerText());
    expect(Number(cancelledAfter?.[1])).toBeLessThan(3000);
    await console_.id('fault-latency').fill('0');
  });

  it('sends a burst and shows the 429s with Retry-After once the tenant’s window is used up', async () => {
    await console_.id('preset').selectOption('rate-limit');
    expect(await console_.id('send').innerText()).toContain('× 55');
    await console_.id('send').click();
    await console_.root.locator('[data-testid="http-console-response"][data-phase="done"]').waitFor({timeout: 30_000});
    expect(await console_.id('summary').innerText()).toBe('50 × 200, 5 × 429');
    expect(await console_.status()).toMatch(/^429\b/);
    expect(Number(await console_.header('retry-after'))).toBeGreaterThan(0);
    expect(await console_.header('x-ratelimit-remaining')).toBe('0');
    expect(await console_.header('x-ratelimit-limit')).toBe('50');
    expect(await console_.body()).toMatchObject({ok: false, error: {code: 'rate_limit_exceeded'}});
  });

  it('streams Server-Sent Events as they arrive, and Cancel closes the stream', async () => {
    await console_.id('preset').selectOption('stream');
    await console_.id('send').click();
    await console_.root
      .locator('[data-testid="http-console-response"][data-phase="streaming"]')
      .waitFor({timeout: 5000});
    expect(await console_.status()).toMatch(/^200\b/);
    // Another client publishes for the reader's tenant while the stream is open.
    const tenant = new URL(await console_.id('path').inputValue(), site.url).searchParams.get('tenant_id')!;
    expect(tenant).toMatch(/^reader-[0-9a-f]{16}$/);
    const published = await fetch(`${site.url}/api/v1/messages`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-tenant-id': tenant},
      body: JSON.stringify({version: '1', tenant_id: tenant, request_id: 'sse-1', task: {type: 'chat', payload: {}}}),
    });
    expect(published.status).toBe(200);
    await expect
      .poll(() => console_.id('response-body').innerText(), {timeout: 5000})
      .toMatch(/event: message_created\ndata: \{"request_id":"sse-1"/);
    await console_.id('cancel').click();
    await console_.root
      .locator('[data-testid="http-console-response"][data-phase="cancelled"]')
      .waitFor({timeout: 2000});
    expect(await console_.id('response-body').innerText()).toContain(': connected');
  });

  it('with the server stopped: says it could not reach it and what to do, and clears the old answer', async () => {
    await console_.id('preset').selectOption('decide');
    await console_.send();
    expect(await console_.status()).toMatch(/^200\b/);
    await site.stop();
    await console_.id('body').focus();
    await page.keyboard.press('ControlOrMeta+Enter');
    await console_.root
      .locator('[data-testid="http-console-response"][data-phase="failed"]')
      .waitFor({timeout: 15_000});
    const message = await console_.id('error').innerText();
    expect(message).toBe(
      `Could not reach the playground-server at ${site.url} — is it running? Start it with npm start (or npm run serve after a build), then send again.`,
    );
    expect(await console_.id('error').getAttribute('role')).toBe('alert');
    // Nothing from the earlier 200 stays beside the failure.
    expect(await console_.id('status').count()).toBe(0);
    expect(await console_.id('response-body').count()).toBe(0);
    expect(await console_.id('announcement').innerText()).toBe('');
  });

  it('fits a 390 px wide phone without sideways scrolling', async () => {
    await page.setViewportSize({width: 390, height: 844});
    await console_.root.scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await console_.root.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.setViewportSize({width: 1280, height: 900});
  });

  it('never asked a host other than this machine for anything', () => {
    expect(foreign).toEqual([]);
  });
});
