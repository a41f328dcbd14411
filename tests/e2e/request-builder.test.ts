import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Locator, Page} from 'playwright-core';
import {launchChromium, watchForeignRequests} from './support/browser';
import {liveAncestorScript, retype, tabTo} from './support/keyboard';
import {serveProductionBuild, type RunningSite} from './support/serve';

/** Drives the <RequestBuilder> on the gRPC page through its test ids. */
class BuilderDriver {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('request-builder');
  }
  id(name: string) {
    return this.root.getByTestId(`request-builder-${name}`);
  }
  field(path: string) {
    return this.id(`field-${path}`);
  }
  /** Sends and waits for the outcome; returns `ok` or the error code. */
  async send(): Promise<string> {
    await this.id('send').click();
    await this.root
      .locator('[data-testid="request-builder-result"]:not([data-outcome="pending"]):not([data-outcome="none"])')
      .waitFor({timeout: 15_000});
    await this.root
      .locator('[data-testid="request-builder-result"][data-outcome="pending"]')
      .waitFor({state: 'detached', timeout: 15_000});
    return this.id('code').innerText();
  }
  async response(): Promise<Record<string, unknown>> {
    return JSON.parse(await this.id('response').innerText());
  }
  async pairs(name: 'response-headers' | 'trailers'): Promise<Record<string, string>> {
    const rows = this.id(name).locator('[data-header]');
    const result: Record<string, string> = {};
    for (const row of await rows.all())
      result[(await row.getAttribute('data-header'))!] = await row.locator('dd').innerText();
    return result;
  }
}

describe('request builder (gRPC page, production build, real Chromium, real server)', () => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;
  let foreign: string[];
  let builder: BuilderDriver;
  let firstProvider: unknown;
  /** Scripts holding the builder's own code, fetched before and after it was scrolled near. */
  const builderScripts: string[] = [];
  let builderScriptsBeforeScroll: string[] = [];
  let placeholderHeight = 0;

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
    page = await browser.newPage({viewport: {width: 1280, height: 900}});
    foreign = watchForeignRequests(page);
    page.on('response', async (response) => {
      if (!/\.js$/.test(new URL(response.url()).pathname)) return;
      const body = await response.text().catch(() => '');
      if (body.includes('"request-builder"')) builderScripts.push(response.url());
    });
    await page.goto(`${site.url}/guide/grpc/`, {waitUntil: 'networkidle'});
    builderScriptsBeforeScroll = [...builderScripts];
    placeholderHeight = (await page.getByTestId('request-builder-loading').boundingBox())?.height ?? 0;
    builder = new BuilderDriver(page);
    await page.getByTestId('request-builder-box').scrollIntoViewIfNeeded();
    await builder.root.waitFor({timeout: 15_000});
    await builder.root.scrollIntoViewIfNeeded();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('fetches its code (protobuf, Connect, the form) only when it nears the viewport, in a box of its size', async () => {
    expect(builderScriptsBeforeScroll).toEqual([]);
    expect(builderScripts.length).toBeGreaterThan(0);
    const height = (await builder.root.boundingBox())?.height ?? 0;
    expect(Math.abs(height - placeholderHeight)).toBeLessThan(40);
  });

  it('builds a form from the RouteRequest descriptor and calls Router.Decide over Connect (JSON)', async () => {
    expect(await builder.id('signature').innerText()).toContain('rpc Decide(RouteRequest) returns (RouteDecision)');
    // Fields from the schema, nested ones included.
    for (const path of ['message.messageId', 'message.tenantId', 'message.timestampMs', 'policyId'])
      expect(await builder.field(path).count()).toBe(1);
    expect(await builder.send()).toBe('ok');
    const response = await builder.response();
    expect(response.providerId).toMatch(/^(alpha|beta)$/);
    expect(response).toHaveProperty('expectedLatencyMs');
    firstProvider = response.providerId;
    const correlation = (await builder.id('headers').inputValue()).match(/x-correlation-id: (\S+)/)![1];
    expect((response.metadata as Record<string, string>).correlation_id).toBe(correlation);
    expect((await builder.pairs('response-headers'))['x-correlation-id']).toBe(correlation);
    expect(await builder.id('timing').innerText()).toMatch(/^\d+ ms · Connect · JSON$/);
  });

  it('announces a one-line summary of the answer, not the response, its headers or trailers', async () => {
    expect(await builder.id('announcement').innerText()).toMatch(/^ok in \d+ ms: the RouteDecision is below\.$/);
    expect(await builder.id('announcement').getAttribute('role')).toBe('status');
    for (const part of ['response', 'response-headers', 'trailers'])
      expect(await builder.id(part).evaluate(liveAncestorScript), part).toBeNull();
  });

  it('gets the same decision over gRPC-Web in binary, with gRPC trailers', async () => {
    await builder.id('protocol-grpc-web').check();
    await builder.id('binary').check();
    expect(await builder.send()).toBe('ok');
    expect((await builder.response()).providerId).toBe(firstProvider);
    expect(await builder.id('timing').innerText()).toMatch(/gRPC-Web · binary$/);
    expect(await builder.pairs('trailers')).toMatchObject({'grpc-status': '0'});
    await builder.id('protocol-connect').check();
    await builder.id('binary').uncheck();
  });

  it('shows INVALID_ARGUMENT with the Router’s message when a required field is cleared', async () => {
    await builder.field('message.messageId').fill('');
    expect(await builder.send()).toBe('invalid_argument (3)');
    expect(await builder.id('error').innerText()).toContain('message_id');
    await builder.id('reset').click();
    expect(await builder.field('message.messageId').inputValue()).toBe('msg-1');
  });

  it('edits the request as JSON, refusing JSON that is not a RouteRequest', async () => {
    await builder.id('mode-json').click();
    await builder.id('json').fill('{"message": {"messageId": "m-json", "tenantId": "demo"}, "nope": 1}');
    await expect.poll(() => builder.id('problems').innerText()).toMatch(/not a valid RouteRequest/);
    expect(await builder.id('send').isDisabled()).toBe(true);
    await builder.id('json').fill('{"message": {"messageId": "m-json", "tenantId": "demo", "messageType": "batch"}}');
    expect(await builder.send()).toBe('ok');
    expect(await builder.response()).toMatchObject({providerId: 'bulk', reason: 'rule:message_type == "batch"'});
    await builder.id('mode-form').click();
    expect(await builder.field('message.messageType').inputValue()).toBe('batch');
  });

  it('calls RouterAdmin with the admin key it adds, and shows UNAUTHENTICATED without it', async () => {
    await builder.id('method').selectOption('beamline.flow.v1.RouterAdmin/ListPolicies');
    expect(await builder.id('headers').inputValue()).toContain('x-api-key: playground-admin-key');
    expect(await builder.send()).toBe('ok');
    const {policies} = (await builder.response()) as {policies: Array<{policyId: string}>};
    expect(policies.map((policy) => policy.policyId)).toContain('default');

    const headers = await builder.id('headers').inputValue();
    await builder.id('headers').fill(headers.replace(/x-api-key:.*\n?/, ''));
    expect(await builder.send()).toBe('unauthenticated (16)');
    await builder.id('headers').fill(headers);
  });

  it('creates a policy with the nested form (lists and maps included) and routes with it', async () => {
    await builder.id('method').selectOption('beamline.flow.v1.RouterAdmin/UpsertPolicy');
    await builder.field('policy.providers-add').click();
    await builder.field('policy.providers.2.id').fill('gamma');
    await builder.field('policy.providers.2.weight').fill('2');
    expect(await builder.send()).toBe('ok');
    expect(await builder.response()).toEqual({ok: true});

    await builder.id('method').selectOption('beamline.flow.v1.Router/Decide');
    expect(await builder.id('headers').inputValue()).not.toContain('x-api-key');
    await builder.field('policyId').fill('eu-first');
    expect(await builder.send()).toBe('ok');
    // The sample message carries metadata.region = "eu", so the policy's rule decides.
    expect(await builder.response()).toMatchObject({providerId: 'beta', reason: 'rule:metadata.region == "eu"'});
  });

  it('honours the deadline: a 1.5 s injected latency ends as deadline_exceeded at 200 ms, with progress shown', async () => {
    await builder.id('deadline').fill('200');
    await builder.id('fault-latency').fill('1500');
    // The pending state lasts ~200 ms, less than a click's round trip on a loaded machine: record it in the page.
    await builder.id('result').evaluate((result) => {
      const seen: string[] = [];
      (window as unknown as {outcomes: string[]}).outcomes = seen;
      new MutationObserver(() => seen.push(result.getAttribute('data-outcome')!)).observe(result, {
        attributeFilter: ['data-outcome'],
      });
    });
    await builder.id('send').click();
    await builder.root.locator('[data-testid="request-builder-result"][data-outcome="error"]').waitFor({timeout: 5000});
    expect(await page.evaluate(() => (window as unknown as {outcomes: string[]}).outcomes)).toEqual([
      'pending',
      'error',
    ]);
    expect(await builder.id('code').innerText()).toBe('deadline_exceeded (4)');
    const ms = Number((await builder.id('timing').innerText()).match(/^(\d+) ms/)![1]);
    expect(ms).toBeGreaterThanOrEqual(150);
    expect(ms).toBeLessThan(1200);
    await builder.id('fault-latency').fill('0');
    await builder.id('deadline').fill('5000');
  });

  it('is usable by keyboard: Ctrl/Cmd+Enter sends from a field', async () => {
    await builder.field('message.tenantId').focus();
    await page.keyboard.press('ControlOrMeta+Enter');
    await builder.root.locator('[data-testid="request-builder-result"][data-outcome="ok"]').waitFor({timeout: 10_000});
  });

  it('refuses "abc" in an int64 field with a message naming the field, and holds Send until it is a number', async () => {
    await builder.field('message.messageType').focus();
    await tabTo(page, 'request-builder-field-message.timestampMs');
    await retype(page, 'abc');
    await expect
      .poll(() => builder.id('problems').innerText())
      .toBe('message.timestampMs: int64 needs a whole number, got "abc"');
    expect(await builder.field('message.timestampMs').getAttribute('aria-invalid')).toBe('true');
    expect(await builder.field('message.timestampMs').inputValue()).toBe('abc');
    expect(await builder.id('send').isDisabled()).toBe(true);
    expect(await builder.id('mode-json').isDisabled()).toBe(true);
    await retype(page, '1700000000000');
    expect(await builder.id('problems').count()).toBe(0);
    expect(await builder.send()).toBe('ok');
    await builder.id('mode-json').click();
    expect(await builder.id('json').inputValue()).toContain('"timestampMs": "1700000000000"');
    await builder.id('mode-form').click();
  });

  it('explains a deadline of 0 instead of silently sending without one; empty means none, by keyboard', async () => {
    await builder.id('protocol-connect').focus();
    await tabTo(page, 'request-builder-deadline');
    await retype(page, '0');
    await expect
      .poll(() => builder.id('problems').innerText())
      .toBe(
        'A deadline of 0 ms would expire before the call leaves the browser. Use at least 1 ms, or leave the field empty for no deadline.',
      );
    expect(await builder.id('send').isDisabled()).toBe(true);
    await retype(page, '');
    expect(await builder.id('problems').count()).toBe(0);
    await tabTo(page, 'request-builder-fault-error');
    expect(await builder.id('fault-error').getAttribute('aria-valuetext')).toBe('0 %');
    await page.keyboard.press('End');
    expect(await builder.id('fault-error').getAttribute('aria-valuetext')).toBe('100 %');
    await tabTo(page, 'request-builder-send');
    await page.keyboard.press('Enter');
    await builder.root
      .locator('[data-testid="request-builder-result"][data-outcome="error"]')
      .waitFor({timeout: 10_000});
    expect(await builder.id('code').innerText()).toBe('unavailable (14)');
    await builder.id('fault-error').fill('0');
    await builder.id('deadline').fill('5000');
  });

  it('with the server stopped: says it could not reach it and what to do, and clears the old answer', async () => {
    expect(await builder.send()).toBe('ok');
    await site.stop();
    expect(await builder.send()).toBe('unknown (2)');
    expect(await builder.id('error').innerText()).toBe(
      `Could not reach the playground-server at ${site.url} — is it running? Start it with npm start (or npm run serve after a build), then send again. (Connect reports this as unknown: no response came back.)`,
    );
    expect(await builder.id('response').count()).toBe(0);
    expect(await builder.id('announcement').innerText()).toBe('');
  });

  it('fits a 390 px wide phone without sideways scrolling', async () => {
    await page.setViewportSize({width: 390, height: 844});
    await builder.root.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const box = await builder.root.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.setViewportSize({width: 1280, height: 900});
  });

  it('never asked a host other than this machine for anything', () => {
    expect(foreign).toEqual([]);
  });
});
