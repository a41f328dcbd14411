import {readdirSync, readFileSync} from 'node:fs';
import {get} from 'node:http';
import path from 'node:path';
import {brotliDecompressSync, gunzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page, Response} from 'playwright-core';
import {launchChromium, watchForeignRequests} from './support/browser';
import {serveProductionBuild, type RunningSite} from './support/serve';

/** The pages of sections 1–4 and the minutes each promises. */
const sectionPages: Record<string, number> = {
  '/guide/architecture': 5,
  '/guide/quick-start': 5,
  '/guide/http-gateway': 4,
  '/guide/http-gateway/errors-and-rate-limits': 3,
  '/guide/http-gateway/clients': 3,
  '/guide/grpc': 5,
  '/guide/grpc/generated-clients': 4,
  '/guide/grpc/deadlines-metadata-errors': 4,
  '/guide/grpc/streaming': 2,
};

function internalLinks(html: string, from: URL): string[] {
  const links: string[] = [];
  // The build minifies HTML, so attribute values may be unquoted.
  for (const match of html.matchAll(/<a\b[^>]*?\shref=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
    const href = (match[1] ?? match[2] ?? match[3]).replaceAll('&amp;', '&');
    if (/^(mailto:|javascript:|#)/.test(href)) continue;
    const url = new URL(href, from);
    if (url.origin !== from.origin) continue;
    url.hash = '';
    links.push(url.pathname + url.search);
  }
  return links;
}

const buildDir = path.resolve(__dirname, '../../build');

/** GET with one Accept-Encoding, the body as sent (not decoded, unlike fetch). */
function rawGet(url: string, encoding: string): Promise<{encoding: string | undefined; body: Buffer}> {
  return new Promise((resolve, reject) => {
    get(url, {headers: {'accept-encoding': encoding}}, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({encoding: response.headers['content-encoding'], body: Buffer.concat(chunks)}));
      response.on('error', reject);
    }).on('error', reject);
  });
}

const decoders: Record<string, (body: Buffer) => Buffer> = {br: brotliDecompressSync, gzip: gunzipSync};

describe('the built guide (production build, real server)', () => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;
  let foreign: string[];
  const crawled = new Map<string, number>();

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
    page = await browser.newPage({viewport: {width: 1280, height: 900}});
    foreign = watchForeignRequests(page);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('sends every built JS, CSS and HTML file brotli- or gzip-compressed as accepted, the same bytes once decoded', async () => {
    const files = readdirSync(buildDir, {recursive: true, encoding: 'utf8'}).filter((file) =>
      /\.(js|css|html)$/.test(file),
    );
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const original = readFileSync(path.join(buildDir, file));
      const url = `${site.url}/${file.split(path.sep).map(encodeURIComponent).join('/')}`;
      for (const encoding of ['br', 'gzip']) {
        const response = await rawGet(url, encoding);
        // Only a file too small to gain from compression may come as it is.
        if (original.length > 1024) expect([file, response.encoding]).toEqual([file, encoding]);
        const decoded = response.encoding ? decoders[response.encoding]!(response.body) : response.body;
        expect(decoded.equals(original), `${file} (${encoding}) differs once decoded`).toBe(true);
      }
    }
  });

  it('every internal link, followed from the home page, answers 200', async () => {
    const queue = ['/'];
    const brokenFrom: string[] = [];
    while (queue.length) {
      const path = queue.shift()!;
      if (crawled.has(path)) continue;
      const response = await fetch(`${site.url}${path}`, {redirect: 'manual'});
      crawled.set(path, response.status);
      const type = response.headers.get('content-type') ?? '';
      if (response.status !== 200) continue;
      if (!type.includes('text/html')) {
        await response.arrayBuffer();
        continue;
      }
      const html = await response.text();
      for (const link of internalLinks(html, new URL(path, site.url))) {
        if (!crawled.has(link) && !queue.includes(link)) {
          queue.push(link);
          brokenFrom.push(`${link} (linked from ${path})`);
        }
      }
    }
    const broken = [...crawled]
      .filter(([, status]) => status !== 200)
      .map(([path, status]) => `${status} ${brokenFrom.find((entry) => entry.startsWith(`${path} `)) ?? path}`);
    expect(broken).toEqual([]);
    for (const path of Object.keys(sectionPages))
      expect(crawled.get(path), `${path} is linked from the site`).toBe(200);
    expect(crawled.size).toBeGreaterThan(12);
  });

  it('every guide page renders in Chromium without errors, shows its reading time, and asks no foreign host', async () => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${page.url()}: console: ${message.text()}`);
    });
    const guidePages = [...crawled.keys()].filter((path) => path.startsWith('/guide/'));
    expect(guidePages.length).toBeGreaterThanOrEqual(Object.keys(sectionPages).length);
    for (const path of guidePages) {
      await page.goto(`${site.url}${path}`, {waitUntil: 'load'});
      await page.locator('article h1').first().waitFor();
      const minutes = sectionPages[path];
      if (minutes) {
        // An admonition written in a syntax MDX does not know shows up as text.
        expect(await page.locator('article').innerText(), path).not.toMatch(/^:::/m);
        const shown = page.getByTestId('reading-time');
        expect(await shown.getAttribute('data-minutes'), path).toBe(String(minutes));
        expect(await shown.innerText()).toMatch(new RegExp(`^${minutes} min read`));
      }
    }
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it("keeps Docusaurus's cascade layers in the built CSS, so a component's own rules win over Infima's", async () => {
    // Compiled away for browsers without layers, Infima's selectors gained `:not(#\#)` specificity and
    // outranked every CSS module: a component looked one way in the dev server and another when built.
    const css = readdirSync(path.join(buildDir, 'assets', 'css'))
      .filter((file) => file.endsWith('.css'))
      .map((file) => readFileSync(path.join(buildDir, 'assets', 'css', file), 'utf8'))
      .join('\n');
    expect(css).toContain('@layer docusaurus.infima{');
    expect(css).not.toContain(':not(#\\#)');
    await page.goto(`${site.url}/`);
    // The home page's card titles are h2s: `.cardTitle {font-size: 1.1rem}` against Infima's h2 size, 1.5rem.
    const size = await page
      .locator('h2[class*="cardTitle"]')
      .first()
      .evaluate((element) => getComputedStyle(element).fontSize);
    expect(size).toBe('17.6px');
  });

  it('renders the architecture diagrams from the bundled Mermaid, offline', async () => {
    await page.goto(`${site.url}/guide/architecture/`);
    // Mermaid renders a diagram when it nears the viewport (page weight): bring each one close, as a reader scrolling does.
    for (const box of await page.getByTestId('mermaid-box').all()) await box.scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.docusaurus-mermaid-container svg').count(), {timeout: 20_000}).toBe(3);
    expect(await page.locator('.docusaurus-mermaid-container').first().innerText()).toContain('c-gateway');
    expect(foreign).toEqual([]);
  });

  it("indexes the guide's words for the offline search, not the labels of its widgets' controls", async () => {
    const index = await (await fetch(`${site.url}/search-index.json`)).text();
    expect(index).toContain('decorrelated');
    for (const label of ['Tab leaves the editor', 'Router faults for your calls']) expect(index).not.toContain(label);
  });

  it('finds words in the body of the pages with the offline search, opens the hit and marks the words there', async () => {
    // mark.js (the highlighter) is fetched only once there is something to mark.
    const markScripts: string[] = [];
    const recordMarkJs = async (response: Response) => {
      if (!/\.js$/.test(new URL(response.url()).pathname)) return;
      if ((await response.text().catch(() => '')).includes('ignoreJoiners')) markScripts.push(response.url());
    };
    page.on('response', recordMarkJs);
    await page.goto(`${site.url}/guide/architecture`, {waitUntil: 'networkidle'});
    expect(markScripts).toEqual([]);
    const box = page.locator('input.navbar__search-input');
    const cases: Array<[string, RegExp, string]> = [
      ['service_overloaded', /Errors and rate limits/, '/guide/http-gateway/errors-and-rate-limits'],
      ['grpc-timeout', /Deadlines, metadata and errors/, '/guide/grpc/deadlines-metadata-errors'],
    ];
    for (const [term, title, path] of cases) {
      await box.click();
      await box.fill(term);
      const hit = page.locator('[role="option"]', {hasText: title}).first();
      await hit.waitFor({timeout: 10_000});
      await hit.click();
      await page.waitForURL((url) => url.pathname === path, {timeout: 10_000});
      await expect.poll(() => page.locator('article mark[data-markjs]').count()).toBeGreaterThan(0);
    }
    page.off('response', recordMarkJs);
    expect(markScripts.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });
});
