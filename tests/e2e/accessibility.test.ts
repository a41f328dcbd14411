import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {axeViolations} from './support/axe';
import {requestAnswered} from './support/widgets';
import {launchChromium} from './support/browser';
import {PlaygroundDriver} from './support/playground';
import {serveProductionBuild, type RunningSite} from './support/serve';

const schemes = ['light', 'dark'] as const;
type Scheme = (typeof schemes)[number];
/** Checked in both schemes as they load: the home page, a page of diagrams and tables, the retry page. */
const bothSchemes = ['/', '/guide/architecture/', '/guide/resilience/retry-backoff'];
/**
 * One page per kind of widget, used and then checked in both schemes: a
 * playground with file tabs and state bands, an HTTP console, the request
 * builder, the simulation.
 */
const usedPages: Record<string, Widget> = {
  '/guide/resilience/circuit-breaker': 'playground',
  '/guide/quick-start/': 'http-console',
  '/guide/grpc/': 'request-builder',
  '/guide/resilience/many-clients': 'simulation',
};
type Widget = 'playground' | 'http-console' | 'request-builder' | 'simulation';

/** Every page the build lists in its sitemap, as paths on the test server. */
async function sitemapPaths(siteUrl: string): Promise<string[]> {
  const xml = await (await fetch(`${siteUrl}/sitemap.xml`)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname);
}

/**
 * Waits for what renders after load (Mermaid diagrams, each a tab stop once it
 * is wider than the page) so axe sees the finished page.
 */
async function settle(page: Page): Promise<void> {
  const diagrams = page.locator('.docusaurus-mermaid-container');
  for (let index = 0; index < (await diagrams.count()); index++) {
    await diagrams.nth(index).scrollIntoViewIfNeeded();
    await diagrams.nth(index).locator('svg').first().waitFor({timeout: 15_000});
  }
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="mermaid-box"]')].every(
      (box) => box.scrollWidth <= box.clientWidth + 1 || box.tabIndex === 0,
    ),
  );
  // A wide table becomes a tab stop once its size is measured after hydration. Should one never
  // become one, axe reports it below, so a timeout here is not itself the failure.
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLElement>('article table')].every(
          (table) => table.scrollWidth <= table.clientWidth + 1 || table.tabIndex === 0,
        ),
      undefined,
      {timeout: 5_000},
    )
    .catch(() => undefined);
}

/**
 * Switches the page's system colour scheme and waits until the theme follows
 * and its colour transitions have ended: axe reads colours as they are drawn,
 * and halfway through a transition they are neither scheme's.
 */
async function switchScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({colorScheme: scheme});
  await page.locator(`html[data-theme="${scheme}"]`).waitFor();
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((transition) => transition.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Uses every widget on the page the way a reader would: the editor loaded and
 * a run finished, each console and builder answered, the simulation drawn.
 * Returns the widgets it used, so the test can say it reached them.
 */
async function exerciseWidgets(page: Page, expected: Widget): Promise<string[]> {
  // Widgets render in the browser after hydration, the request builder only once its box nears the
  // viewport: bring each lazy box into view, then wait for the widget the page is known for.
  const lazyBoxes = page.getByTestId('request-builder-box');
  for (let index = 0; index < (await lazyBoxes.count()); index++) await lazyBoxes.nth(index).scrollIntoViewIfNeeded();
  await page.getByTestId(expected).first().waitFor({timeout: 30_000});
  const used: string[] = [];
  const playgrounds = page.getByTestId('playground');
  for (let index = 0; index < (await playgrounds.count()); index++) {
    const playground = playgrounds.nth(index);
    // Not scrollIntoViewIfNeeded: the server-rendered playground is replaced by the live one as it nears the viewport.
    await playground.evaluate((element) => element.scrollIntoView({block: 'nearest'}));
    await playground.locator('[data-editor-ready="true"]').waitFor({timeout: 30_000});
    await playground.getByTestId('playground-run').click();
    await playground
      .locator('[data-testid="playground-status"]:not([data-status="running"]):not([data-status="idle"])')
      .waitFor({timeout: 45_000});
    used.push('playground');
  }
  for (const [widget, done] of Object.entries(requestAnswered)) {
    const widgets = page.getByTestId(widget);
    for (let index = 0; index < (await widgets.count()); index++) {
      const send = widgets.nth(index).getByTestId(`${widget}-send`);
      await send.scrollIntoViewIfNeeded();
      await send.click();
      await widgets.nth(index).locator(done).waitFor({timeout: 30_000});
      used.push(widget);
    }
  }
  if (await page.getByTestId('simulation').count()) {
    await page.getByTestId('simulation-charts').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="simulation-charts"] .recharts-line').first().waitFor({timeout: 30_000});
    used.push('simulation');
  }
  return used;
}

describe('accessibility: axe-core WCAG 2.1 A/AA over every page of the sitemap (production build, real Chromium)', () => {
  let site: RunningSite;
  let browser: Browser;
  let paths: string[];
  const pages = {} as Record<Scheme, Page>;
  let serverStopped = false;

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
    for (const scheme of schemes) {
      pages[scheme] = await browser.newPage({viewport: {width: 1280, height: 900}, colorScheme: scheme});
    }
    paths = await sitemapPaths(site.url);
  });

  afterAll(async () => {
    await browser?.close();
    // The last test stops the server on purpose.
    if (!serverStopped) await site?.stop();
  });

  it('finds no violation on any page of the sitemap as the page loads: each page in one scheme, a few in both', async () => {
    expect(paths.length).toBeGreaterThan(20);
    expect(paths).toEqual(expect.arrayContaining([...bothSchemes, ...Object.keys(usedPages)]));
    // The schemes alternate page by page, so each meets half the pages' own
    // content; the navbar, sidebar and footer, the same on every page, are
    // checked in full on the pages seen in both schemes and after use. The
    // two schemes' pages are checked side by side, one tab each.
    const queues = {light: [] as string[], dark: [] as string[]};
    for (const [index, path] of paths.entries()) {
      for (const scheme of bothSchemes.includes(path) ? schemes : [schemes[index % 2]]) queues[scheme].push(path);
    }
    const violations: string[] = [];
    await Promise.all(
      schemes.map(async (scheme) => {
        const page = pages[scheme];
        for (const path of queues[scheme]) {
          await page.goto(`${site.url}${path}`);
          expect(await page.locator('html').getAttribute('data-theme'), path).toBe(scheme);
          await settle(page);
          const found = await axeViolations(page, `${path} (${scheme})`, {skipChrome: !bothSchemes.includes(path)});
          violations.push(...found);
          for (const line of found) console.log(line);
          console.log(`axe ${path} (${scheme}): ${found.length} violations`);
        }
      }),
    );
    console.log(
      `axe sweep: ${paths.length} pages, ${queues.light.length} checked light and ${queues.dark.length} dark, ${violations.length} violations`,
    );
    expect(violations).toEqual([]);
  }, 300_000);

  it('finds no violation after each kind of widget has been used: editor loaded, a run finished, a request answered, a simulation drawn', async () => {
    // Widgets are used once, in light mode; the page then follows the system
    // to dark without a reload, so axe checks the used widgets in both schemes.
    const page = pages.light;
    const violations: string[] = [];
    const used = new Set<string>();
    for (const [path, widget] of Object.entries(usedPages)) {
      await page.emulateMedia({colorScheme: 'light'});
      await page.goto(`${site.url}${path}`);
      for (const kind of await exerciseWidgets(page, widget)) used.add(kind);
      const counts: string[] = [];
      for (const scheme of schemes) {
        await switchScheme(page, scheme);
        const found = await axeViolations(page, `${path} (${scheme}, after use)`);
        violations.push(...found);
        for (const line of found) console.log(line);
        counts.push(`${scheme} ${found.length}`);
      }
      console.log(`axe after use ${path}: ${counts.join(', ')} violations`);
    }
    expect([...used].sort()).toEqual(['http-console', 'playground', 'request-builder', 'simulation']);
    expect(violations).toEqual([]);
  }, 300_000);

  describe('the playground by keyboard alone', () => {
    let page: Page;
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        if (element?.closest('.monaco-editor')) return 'editor';
        return element?.getAttribute('data-testid') ?? element?.tagName.toLowerCase() ?? null;
      });
    /** Presses Tab until `target` has focus, as a reader would; fails after `limit` presses. */
    const tabTo = async (target: string, limit = 40, key = 'Tab') => {
      for (let presses = 0; presses < limit; presses++) {
        if ((await focused()) === target) return;
        await page.keyboard.press(key);
      }
      throw new Error(`${limit} × ${key} never reached ${target}; focus is on ${await focused()}`);
    };

    beforeAll(async () => {
      page = await browser.newPage({viewport: {width: 1280, height: 900}});
    });

    it('Tab moves through the editor and out of it; Ctrl+M makes Tab indent, and back', async () => {
      await page.goto(`${site.url}/guide/resilience/retry-backoff`);
      const playground = new PlaygroundDriver(page);
      await playground.waitForEditor();
      await playground.run.focus();
      await tabTo('editor');
      await expect.poll(() => playground.root.innerText()).toContain('Tab leaves the editor · Ctrl+M: Tab indents');
      const before = await playground.editorText();
      await page.keyboard.press('Tab');
      expect(await focused(), 'Tab left the editor').not.toBe('editor');
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('editor');
      expect(await playground.editorText()).toBe(before);

      await page.keyboard.press('Control+M');
      await expect.poll(() => playground.root.innerText()).toContain('Tab indents · Ctrl+M: Tab leaves the editor');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('editor');
      await expect.poll(() => playground.editorText()).not.toBe(before);
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+M');
      await page.keyboard.press('Tab');
      expect(await focused()).not.toBe('editor');
    });

    it('Escape in the editor keeps focus there; after Stop, focus is on Run', async () => {
      const playground = new PlaygroundDriver(page);
      await playground.setCode('while (true) {}\n');
      await page.keyboard.press('Escape');
      expect(await focused()).toBe('editor');
      await page.keyboard.press('Control+Enter');
      await playground.waitForStatus('running');
      await tabTo('playground-stop', 20, 'Shift+Tab');
      await page.keyboard.press('Enter');
      await playground.waitForStatus('stopped');
      expect(await focused()).toBe('playground-run');
      expect(await playground.root.getByTestId('playground-status').getByRole('status').innerText()).toMatch(
        /^Stopped after \d+\.\d s$/,
      );
    });

    it('file tabs follow the WAI-ARIA tabs pattern: one tab stop, arrows, Home and End', async () => {
      await page.goto(`${site.url}/guide/resilience/circuit-breaker`);
      const playground = new PlaygroundDriver(page);
      await playground.waitForEditor();
      const tabs = playground.root.getByRole('tab');
      const names = await tabs.allInnerTexts();
      expect(names.length).toBeGreaterThan(1);
      await playground.run.focus();
      await tabTo('playground-tab-main.ts');
      const selected = () => playground.root.locator('[role="tab"][aria-selected="true"]').innerText();
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toBe(`playground-tab-${names[1]}`);
      expect(await selected()).toBe(names[1]);
      await page.keyboard.press('End');
      expect(await selected()).toBe(names.at(-1));
      await page.keyboard.press('Home');
      expect(await selected()).toBe(names[0]);
      await page.keyboard.press('ArrowLeft');
      expect(await selected()).toBe(names.at(-1));
      const panel = playground.root.getByRole('tabpanel');
      const active = playground.root.locator('[role="tab"][aria-selected="true"]');
      expect(await panel.getAttribute('aria-labelledby')).toBe(await active.getAttribute('id'));
      expect(await active.getAttribute('aria-controls')).toBe(await panel.getAttribute('id'));
      expect(await playground.root.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
      // The only tab stop of the list: Tab goes on into the editor.
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('editor');
      await page.keyboard.press('Home');
    });

    it('a long output log is a tab stop with a name, and scrolls by keyboard', async () => {
      await page.goto(`${site.url}/guide/resilience/retry-backoff`);
      const playground = new PlaygroundDriver(page);
      await playground.waitForEditor();
      await playground.setCode("for (let i = 0; i < 60; i++) log('line ' + i);\n");
      await page.keyboard.press('Control+Enter');
      await playground.waitForLog(/line 59/);
      expect(await playground.output.getAttribute('tabindex')).toBe('0');
      expect(await playground.output.getAttribute('aria-label')).toBe('Output log');
      await tabTo('playground-output');
      await page.keyboard.press('Home');
      await expect.poll(() => playground.output.evaluate((list) => list.scrollTop)).toBe(0);
    });

    it('with the server gone, a run says the server is unreachable and what to do, never "Finished"', async () => {
      const playground = new PlaygroundDriver(page);
      await playground.reset.click();
      await site.stop();
      serverStopped = true;
      await playground.run.click();
      await playground.waitForStatus('unreachable');
      expect(await playground.root.getByTestId('playground-status').getByRole('status').innerText()).toMatch(
        /^Server unreachable after/,
      );
      const alert = playground.root.getByTestId('playground-unreachable');
      expect(await alert.innerText()).toMatch(/does not answer.*npm start.*press Run/s);
      expect(await playground.root.innerText()).not.toContain('Finished');
    });
  });
});
