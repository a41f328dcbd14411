import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {launchChromium, watchForeignRequests} from './support/browser';
import {PlaygroundDriver} from './support/playground';
import {serveProductionBuild, type RunningSite} from './support/serve';

/**
 * A workshop participant's view: the guide opened over plain http under a
 * LAN-style name (`workshop.lan`, mapped to loopback), which is not a secure
 * context. Everything a participant runs in the page must work there, and
 * every call must carry the reader's own session and tenant.
 */
describe('over plain http on a LAN name (insecure context, production build, real Chromium)', () => {
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];
  const decideCalls: Array<{session: string | undefined; body: string}> = [];

  /** What the page last put on the clipboard, read from the `copy` event it fired. */
  const copied = () => page.evaluate(() => (window as unknown as {copiedText?: string}).copiedText);
  const captureCopies = () =>
    page.evaluate(() => {
      document.addEventListener('copy', (event) => {
        const field = event.target as HTMLTextAreaElement;
        (window as unknown as {copiedText?: string}).copiedText =
          field.value?.slice(field.selectionStart, field.selectionEnd) ?? document.getSelection()?.toString();
      });
    });
  const readerId = () => page.evaluate(() => sessionStorage.getItem('beamline-reader-id'));

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
    context = await browser.newContext({viewport: {width: 1280, height: 900}});
    // Snippet calls leave from the run's Web Worker; the context sees them too.
    context.on('request', (request) => {
      if (request.url().endsWith('/beamline.flow.v1.Router/Decide'))
        decideCalls.push({session: request.headers()['x-beamline-session'], body: request.postData() ?? ''});
    });
    page = await context.newPage();
    foreign = watchForeignRequests(page);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('is an insecure context, as a LAN address is: no crypto.randomUUID, no navigator.clipboard', async () => {
    await page.goto(`${site.lanUrl}/guide/resilience/retry-backoff`);
    expect(
      await page.evaluate(() => ({
        secure: window.isSecureContext,
        randomUUID: typeof crypto.randomUUID,
        clipboard: typeof navigator.clipboard,
      })),
    ).toEqual({secure: false, randomUUID: 'undefined', clipboard: 'undefined'});
  });

  it("runs the retry playground, every call carrying the reader's session and tenant", async () => {
    const playground = new PlaygroundDriver(page);
    await playground.waitForEditor();
    await playground.run.click();
    await playground.waitForStatus('done', 45_000);
    expect(await playground.chartPoints()).toBeGreaterThanOrEqual(3);
    const id = await readerId();
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(decideCalls.length).toBeGreaterThanOrEqual(3);
    for (const call of decideCalls) {
      expect(call.session).toBe(id);
      expect(JSON.parse(call.body).message.tenantId).toBe(`reader-${id}`);
    }
  });

  it('copies the code without navigator.clipboard and says so', async () => {
    await captureCopies();
    const playground = new PlaygroundDriver(page);
    await playground.root.getByTestId('playground-copy').click();
    await playground.root.getByText('Copied main.ts').waitFor({timeout: 2000});
    expect(await copied()).toContain('fullJitter');
  });

  it("sends the Quick start's one-click request for the reader's own tenant, same id as the playground", async () => {
    const id = await readerId();
    await page.goto(`${site.lanUrl}/guide/quick-start/`);
    const console_ = page.getByTestId('http-console').first();
    await console_.scrollIntoViewIfNeeded();
    await expect
      .poll(() => console_.getByTestId('http-console-request-preview').textContent())
      .toContain(`X-Tenant-ID: reader-${id}`);
    await console_.getByTestId('http-console-send').click();
    await console_.locator('[data-testid="http-console-response"][data-phase="done"]').waitFor({timeout: 15_000});
    expect(await console_.getByTestId('http-console-status').innerText()).toMatch(/^200\b/);
  });

  it('runs the HTTP console and copies it as curl', async () => {
    await page.goto(`${site.lanUrl}/guide/http-gateway/`);
    await captureCopies();
    const console_ = page.getByTestId('http-console').first();
    await console_.scrollIntoViewIfNeeded();
    await console_.getByTestId('http-console-send').click();
    await console_.locator('[data-testid="http-console-response"][data-phase="done"]').waitFor({timeout: 15_000});
    expect(await console_.getByTestId('http-console-status').innerText()).toMatch(/^200\b/);
    await console_.getByTestId('http-console-copy-curl').click();
    await expect.poll(() => console_.getByTestId('http-console-copy-curl').innerText()).toBe('Copied');
    expect(await copied()).toMatch(new RegExp(`^curl .*${site.lanUrl}/api/v1/routes/decide`, 's'));
  });

  it('calls the Router from the request builder', async () => {
    const id = await readerId();
    await page.goto(`${site.lanUrl}/guide/grpc/`);
    const builder = page.getByTestId('request-builder');
    // Its code loads when it nears the viewport.
    await page.getByTestId('request-builder-box').scrollIntoViewIfNeeded();
    await builder.waitFor({timeout: 15_000});
    await builder.scrollIntoViewIfNeeded();
    expect(await builder.getByTestId('request-builder-field-message.tenantId').inputValue()).toBe(`reader-${id}`);
    await builder.getByTestId('request-builder-send').click();
    await builder
      .locator('[data-testid="request-builder-result"]:not([data-outcome="pending"]):not([data-outcome="none"])')
      .waitFor({timeout: 15_000});
    expect(await builder.getByTestId('request-builder-code').innerText()).toBe('ok');
  });

  it('never asked a host other than this machine for anything', () => {
    expect(foreign).toEqual([]);
  });
});
