/**
 * A workshop room in real Chromium against `npm run serve`: three
 * participants in room "alpha" and one in room "beta", each a browser
 * context of its own (own session), a reader of the HTTP console in "alpha",
 * and a facilitator, all opening the site as a LAN host name would
 * (workshop.lan, an insecure context). The facilitator switches on an outage
 * that ends by itself; every alpha participant lives through it and its
 * recovery, beta never notices, and the dashboard counts every call. A
 * participant in room "gamma" calls from a playground, the HTTP console and
 * the request builder in one tab: one participant, three calls.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {shareHash} from '../../src/components/Playground/share-link';
import {SESSION_HEADER} from '../../src/contract';
import {FACILITATOR_KEY_HEADER, ROOM_FAULT_HEADER, ROOM_HEADER, type RoomState} from '../../src/contract/room';
import {lanHost, launchChromium} from './support/browser';
import {PlaygroundDriver} from './support/playground';
import {liveWidget, requestAnswered} from './support/widgets';
import {serveProductionBuild, type RunningSite} from './support/serve';

const key = 'e2e-facilitator-key';
/** Long enough for several calls and retries to fail, short enough to keep the file quick. */
const outageSeconds = 6;

/**
 * Calls the Router every 150 ms, retrying a failure once with the same
 * message id (the runtime marks that as a retry), and logs each attempt's
 * start time (epoch ms) and outcome. Ends once it has seen failures and then
 * eight calls in a row succeed (the room recovered), or after 90 s.
 */
const loop = `fault(null);
const until = Date.now() + 90_000;
let failed = 0;
let okInARow = 0;
for (let i = 1; Date.now() < until && !(failed > 0 && okInARow >= 8); i++) {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const startedAt = Date.now();
    try {
      await router.decide({message: {messageId: 'm-' + i, tenantId: tenant, messageType: 'chat'}});
      chart.point({attempt, outcome: 'ok'});
      log('call ' + startedAt + ' ok attempt ' + attempt);
      okInARow++;
      break;
    } catch (error) {
      const outcome = codeName(ConnectError.from(error).code);
      chart.point({attempt, outcome});
      log('call ' + startedAt + ' ' + outcome + ' attempt ' + attempt);
      failed++;
      okInARow = 0;
    }
  }
  await sleep(150);
}
`;

interface Call {
  startedAt: number;
  outcome: string;
  attempt: number;
}

async function calls(participant: PlaygroundDriver): Promise<Call[]> {
  return (await participant.logLines()).flatMap((line) => {
    const found = /call (\d+) (\w+) attempt (\d)/.exec(line);
    return found ? [{startedAt: Number(found[1]), outcome: found[2]!, attempt: Number(found[3])}] : [];
  });
}

interface BannerChange {
  scenario: string;
  /** Epoch ms, in the page. */
  at: number;
  text: string;
}

/** Notes each scenario the room banner turns to from now on, in order, with when and what it said. */
function watchBanner(page: Page): Promise<void> {
  return page.evaluate(() => {
    const seen: BannerChange[] = [];
    (window as unknown as {bannerSeen: typeof seen}).bannerSeen = seen;
    const shown = () => document.querySelector('[data-testid="room-banner"]');
    let last = shown()?.getAttribute('data-scenario');
    new MutationObserver(() => {
      const scenario = shown()?.getAttribute('data-scenario');
      if (scenario && scenario !== last) seen.push({scenario, at: Date.now(), text: shown()?.textContent ?? ''});
      last = scenario;
    }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-scenario']});
  });
}

/**
 * Brings the playground near the viewport, where the live one (banner, editor) replaces the page's
 * server HTML; not scrollIntoViewIfNeeded, which throws when that swap happens mid-action.
 */
const nearPlayground = (playground: PlaygroundDriver) =>
  playground.root.evaluate((element) => element.scrollIntoView({block: 'center'}));

const bannerSeen = (page: Page) => page.evaluate(() => (window as unknown as {bannerSeen: BannerChange[]}).bannerSeen);

describe('workshop room: one facilitator, participants in two rooms', () => {
  let site: RunningSite;
  let browser: Browser;
  let origin: string;
  const contexts: BrowserContext[] = [];

  async function open(path: string, width = 390, at = origin): Promise<Page> {
    const context = await browser.newContext({viewport: {width, height: 900}});
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${at}${path}`, {waitUntil: 'domcontentloaded', timeout: 60_000});
    return page;
  }

  async function participant(room: string): Promise<{page: Page; playground: PlaygroundDriver}> {
    const hash = shareHash({id: 'retry-full-jitter', files: {'main.ts': loop}});
    // A phone-width page gets the plain editor: four Monaco instances would only slow the machine.
    const page = await open(`/guide/resilience/retry-backoff?room=${room}${hash}`);
    const playground = new PlaygroundDriver(page);
    await nearPlayground(playground);
    // Hydrated, the banner live and the shared code loaded: only then is Run the loop's.
    await page.locator(`[data-testid="room-banner"][data-scenario="calm"]`).waitFor({timeout: 60_000});
    await expect
      .poll(() => playground.root.locator('textarea').first().inputValue(), {timeout: 30_000})
      .toContain('okInARow');
    await watchBanner(page);
    return {page, playground};
  }

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild({FACILITATOR_KEY: key}), launchChromium()]);
    origin = site.url.replace('127.0.0.1', lanHost);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await site?.stop();
  });

  it('refuses the facilitator API without the key, or with a wrong one, and says why', async () => {
    const stranger = await open('/facilitator?room=alpha', 1280);
    await stranger.getByText('This page needs the facilitator key').waitFor();
    const answers = await stranger.evaluate(async (header) => {
      const put = (headers: Record<string, string>) =>
        fetch('/rooms/alpha/scenario', {method: 'PUT', headers, body: '{"kind":"outage"}'}).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as {error: string},
        }));
      return [await put({}), await put({[header]: 'guess'})];
    }, FACILITATOR_KEY_HEADER);
    expect(answers[0]).toEqual({status: 401, body: {error: expect.stringMatching(/needs the facilitator key/)}});
    expect(answers[1]).toEqual({status: 403, body: {error: expect.stringMatching(/wrong facilitator key/)}});
    const guesser = await open('/facilitator?room=alpha&key=guess', 1280);
    await expect
      .poll(() => guesser.getByTestId('dashboard-problem').textContent(), {timeout: 20_000})
      .toMatch(/wrong facilitator key/);
    expect(await guesser.getByTestId('dashboard').count()).toBe(0);
  });

  it("warns a facilitator on localhost that the participants' address it shows is this laptop's only", async () => {
    const local = await open(`/facilitator?key=${key}`, 1280, site.url);
    await expect
      .poll(() => local.getByTestId('loopback-hint').textContent(), {timeout: 30_000})
      .toMatch(/works on this laptop only/);
    const lan = await open(`/facilitator?key=${key}`, 1280);
    await lan.getByTestId('dashboard').waitFor({timeout: 60_000});
    expect(await lan.getByTestId('loopback-hint').count()).toBe(0);
  });

  it("an outage reaches every alpha participant's calls within 1 s and their banners, ends by itself, and beta never notices", async () => {
    const facilitator = await open(`/facilitator?key=${key}&room=alpha`, 1280);
    await facilitator.getByTestId('dashboard').waitFor({timeout: 60_000});
    const [alpha1, alpha2, alpha3, beta] = await Promise.all([
      participant('alpha'),
      participant('alpha'),
      participant('alpha'),
      participant('beta'),
    ]);
    const alpha = [alpha1, alpha2, alpha3];
    for (const {page} of alpha) {
      expect(await page.getByTestId('room-banner').textContent()).toMatch(/Room alpha.*Calm/);
    }
    // The Quick start's HTTP console in room alpha: its calls carry the tab's room too.
    const reader = await open('/guide/quick-start/?room=alpha', 1280);
    const httpConsole = await liveWidget(reader, 'http-console');
    await expect
      .poll(() => httpConsole.getByTestId('http-console-request-preview').textContent(), {timeout: 30_000})
      .toContain('x-beamline-room: alpha');

    // Four pages on a busy machine: a dispatched click does not wait for each page to settle its scroll.
    await Promise.all([...alpha, beta].map(({playground}) => playground.run.dispatchEvent('click')));
    // Every loop has been answered calmly before the switch.
    for (const {playground} of [...alpha, beta]) {
      await expect.poll(async () => (await calls(playground)).length, {timeout: 60_000}).toBeGreaterThan(1);
    }

    await facilitator.getByTestId('scenario-outage').getByLabel('Down for (s)').fill(String(outageSeconds));
    const [response] = await Promise.all([
      facilitator.waitForResponse((r) => r.url().endsWith('/rooms/alpha/scenario')),
      facilitator.getByTestId('scenario-outage').getByRole('button').click(),
    ]);
    const switched = (await response.json()) as RoomState;
    const switchedAt = switched.startedAt;
    const endsAt = switched.endsAt!;
    expect(endsAt - switchedAt).toBe(outageSeconds * 1000);

    // The console's call during the outage fails with the room's outage, and says so.
    const [consoleAnswer] = await Promise.all([
      reader.waitForResponse((r) => r.url().endsWith('/api/v1/routes/decide')),
      httpConsole.getByTestId('http-console-send').click(),
    ]);
    expect(consoleAnswer.status()).toBe(503);
    expect(consoleAnswer.headers()[ROOM_FAULT_HEADER]).toBe('outage');
    expect(Date.now()).toBeLessThan(endsAt);

    // Every banner hears the outage, then the recovery (the server pushes both). The outage is short, so
    // the pages' own notes are read rather than the banner's state now; bounded, generous waits.
    for (const {page} of alpha) {
      await expect
        .poll(async () => (await bannerSeen(page)).map(({scenario}) => scenario).join(' → '), {timeout: 30_000})
        .toBe('outage → calm');
      const [outage, calm] = await bannerSeen(page);
      expect(outage!.text).toMatch(new RegExp(`Room alpha.*Outage for ${outageSeconds} s, then recovery`));
      // The countdown starts from the outage's length, not from a clock kept since the page loaded.
      expect(Number(/(\d+) s left/.exec(outage!.text)?.[1])).toBeLessThanOrEqual(outageSeconds);
      expect(calm!.text).toMatch(/Calm.*recovered at/);
      // How late each banner heard it, for the record: the server pushes within its tick.
      console.info(
        `banner: outage seen ${outage!.at - switchedAt} ms after the switch, recovery ${calm!.at - endsAt} ms after its end`,
      );
    }
    for (const {playground} of alpha) {
      await expect.poll(() => playground.status(), {timeout: 90_000}).toBe('done');
    }
    await facilitator.locator('[data-testid="current-scenario"][data-scenario="calm"]').waitFor({timeout: 20_000});

    await beta.playground.stop.dispatchEvent('click');
    await expect.poll(() => beta.playground.status()).toBe('stopped');
    for (const {playground} of alpha) {
      const made = await calls(playground);
      // A call arrives at the server a little after it starts in the page.
      const before = made.filter((call) => call.startedAt < switchedAt - 300);
      const during = made.filter((call) => call.startedAt > switchedAt + 1_000 && call.startedAt < endsAt - 1_500);
      const after = made.filter((call) => call.startedAt > endsAt + 500);
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((call) => call.outcome === 'ok')).toBe(true);
      // From one second after the switch, nothing gets through: the room's outcomes changed within 1 s.
      expect(during.length).toBeGreaterThan(3);
      expect(during.every((call) => call.outcome === 'unavailable')).toBe(true);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((call) => call.outcome === 'ok')).toBe(true);
    }
    // Room beta never noticed.
    const betaCalls = await calls(beta.playground);
    expect(betaCalls.length).toBeGreaterThan(10);
    expect(betaCalls.every((call) => call.outcome === 'ok')).toBe(true);
    expect((await bannerSeen(beta.page)).map(({scenario}) => scenario)).toEqual([]);
    expect(await beta.page.getByTestId('room-banner').getAttribute('data-scenario')).toBe('calm');

    // The dashboard counted exactly the calls alpha made: its participants' and the console's.
    const alphaCalls = (await Promise.all(alpha.map(({playground}) => calls(playground)))).flat();
    const retries = alphaCalls.filter((call) => call.attempt > 1).length;
    const failed = alphaCalls.filter((call) => call.outcome !== 'ok').length;
    expect(retries).toBeGreaterThan(5);
    await expect
      .poll(() => facilitator.getByTestId('minute-calls').textContent(), {timeout: 10_000})
      .toBe(String(alphaCalls.length + 1));
    expect(await facilitator.getByTestId('minute-retries').textContent()).toBe(String(retries));
    // The console's reader is a participant too: its call names the tab's session.
    expect(await facilitator.getByTestId('participants').textContent()).toBe('4');
    // Nothing failed before the switch, so every failure counts since it; the console's 503 too.
    expect(await facilitator.getByTestId('total-failed').textContent()).toBe(String(failed + 1));
    // The herd: the recovery chart shows the calls around the outage's end.
    const recovery = facilitator.getByTestId('chart-recovery');
    await recovery.locator('.recharts-bar-rectangle').first().waitFor({timeout: 10_000});
    expect(await recovery.locator('figcaption').textContent()).not.toMatch(/none yet/);
  }, 300_000);

  it("counts a participant's playground, HTTP console and request builder calls as one participant's", async () => {
    const facilitator = await open(`/facilitator?key=${key}&room=gamma`, 1280);
    await facilitator.getByTestId('dashboard').waitFor({timeout: 60_000});
    const once = `fault(null);
await router.decide({message: {messageId: 'm-once', tenantId: tenant, messageType: 'chat'}});
log('decided');
`;
    const page = await open(
      `/guide/resilience/retry-backoff?room=gamma${shareHash({id: 'retry-full-jitter', files: {'main.ts': once}})}`,
    );
    const sent: Array<{path: string; session?: string; room?: string}> = [];
    page.on('request', (request) => {
      const {pathname} = new URL(request.url());
      if (pathname === '/beamline.flow.v1.Router/Decide' || pathname === '/api/v1/routes/decide')
        sent.push({path: pathname, session: request.headers()[SESSION_HEADER], room: request.headers()[ROOM_HEADER]});
    });
    const playground = new PlaygroundDriver(page);
    await nearPlayground(playground);
    await expect
      .poll(() => playground.root.locator('textarea').first().inputValue(), {timeout: 30_000})
      .toContain('m-once');
    await playground.run.dispatchEvent('click');
    await playground.waitForLog(/decided/, 60_000);

    // The same tab, so the same reader, on the gateway page: the full console shows the reader's headers it adds.
    await page.goto(`${origin}/guide/http-gateway/`, {waitUntil: 'domcontentloaded'});
    const httpConsole = await liveWidget(page, 'http-console');
    await expect
      .poll(() => httpConsole.getByTestId('http-console-added-headers').textContent(), {timeout: 30_000})
      .toMatch(/x-beamline-session: [0-9a-f]{16}.*x-beamline-room: gamma/);
    await httpConsole.getByTestId('room-banner').getByText('Room gamma').waitFor();
    await httpConsole.getByTestId('http-console-send').click();
    await httpConsole.locator(requestAnswered['http-console']).waitFor();

    await page.goto(`${origin}/guide/grpc/`, {waitUntil: 'domcontentloaded'});
    await page.getByTestId('request-builder-box').scrollIntoViewIfNeeded();
    const builder = page.getByTestId('request-builder');
    await builder.waitFor({timeout: 30_000});
    expect(await builder.getByTestId('request-builder-added-headers').textContent()).toMatch(/x-beamline-room: gamma/);
    await builder.getByTestId('request-builder-send').click();
    await builder.locator(requestAnswered['request-builder']).waitFor();

    const reader = await page.evaluate(() => sessionStorage.getItem('beamline-reader-id'));
    expect(sent).toEqual([
      {path: '/beamline.flow.v1.Router/Decide', session: reader, room: 'gamma'},
      {path: '/api/v1/routes/decide', session: reader, room: 'gamma'},
      {path: '/beamline.flow.v1.Router/Decide', session: reader, room: 'gamma'},
    ]);
    await expect.poll(() => facilitator.getByTestId('minute-calls').textContent(), {timeout: 10_000}).toBe('3');
    expect(await facilitator.getByTestId('participants').textContent()).toBe('1');
  }, 180_000);
});
