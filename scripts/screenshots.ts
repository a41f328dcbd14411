/**
 * `npm run screenshots [-- /path …]`: PNGs of guide pages against the
 * production build, light and dark, desktop and phone width, into
 * screenshots/. Playgrounds on a page are run first so the charts show data.
 */
import {mkdir} from 'node:fs/promises';
import {launchChromium} from '../tests/e2e/support/browser';
import {serveProductionBuild} from '../tests/e2e/support/serve';
import {requestAnswered} from '../tests/e2e/support/widgets';

const defaultPaths = [
  '/',
  '/guide/architecture',
  '/guide/quick-start',
  '/guide/http-gateway',
  '/guide/http-gateway/errors-and-rate-limits',
  '/guide/http-gateway/clients',
  '/guide/grpc',
  '/guide/grpc/generated-clients',
  '/guide/grpc/deadlines-metadata-errors',
  '/guide/grpc/streaming',
  '/guide/resilience/retry-backoff',
];
const paths = process.argv.slice(2).filter((arg) => arg.startsWith('/'));
const widths = [1280, 390];
const schemes = ['light', 'dark'] as const;

await mkdir('screenshots', {recursive: true});
const [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
try {
  for (const path of paths.length ? paths : defaultPaths) {
    for (const width of widths) {
      for (const scheme of schemes) {
        const page = await browser.newPage({viewport: {width, height: 900}, colorScheme: scheme});
        await page.goto(`${site.url}${path}`);
        const runs = page.getByTestId('playground-run');
        for (let index = 0; index < (await runs.count()); index++) {
          // The server-rendered playground is replaced by the live one as it nears the viewport: wait for that.
          await runs.nth(index).evaluate((element) => element.scrollIntoView({block: 'center'}));
          await page.getByTestId('playground').nth(index).locator('[data-editor-ready], textarea').first().waitFor();
          await runs.nth(index).click();
        }
        if (await runs.count()) {
          await page
            .locator('[data-testid="playground-status"][data-status="running"]')
            .first()
            .waitFor({state: 'detached', timeout: 45_000})
            .catch(() => {});
          await page.getByTestId('playground').first().scrollIntoViewIfNeeded();
          await page.waitForTimeout(800);
        }
        // Sections 1-4: send each HTTP console's and request builder's request, so responses show.
        // The request builder loads only near the viewport.
        const builderLoading = page.getByTestId('request-builder-loading');
        if (await builderLoading.count()) {
          await builderLoading.first().scrollIntoViewIfNeeded();
          await builderLoading.waitFor({state: 'detached', timeout: 15_000}).catch(() => {});
        }
        for (const [widget, done] of Object.entries(requestAnswered)) {
          const widgets = page.getByTestId(widget);
          for (let index = 0; index < (await widgets.count()); index++) {
            await widgets.nth(index).getByTestId(`${widget}-send`).scrollIntoViewIfNeeded();
            await widgets.nth(index).getByTestId(`${widget}-send`).click();
            await widgets
              .nth(index)
              .locator(done)
              .waitFor({timeout: 30_000})
              .catch(() => {});
          }
        }
        // The many-clients panel simulates in a worker once near the viewport: wait for its first sweep.
        const simulations = page.getByTestId('simulation');
        for (let index = 0; index < (await simulations.count()); index++) {
          await simulations.nth(index).scrollIntoViewIfNeeded();
          await simulations
            .nth(index)
            .locator('[data-testid="simulation-status"][data-computing="false"]')
            .waitFor({timeout: 30_000})
            .catch(() => {});
        }
        if (await page.locator('.docusaurus-mermaid-container').count()) {
          await page
            .locator('.docusaurus-mermaid-container svg')
            .last()
            .waitFor({timeout: 15_000})
            .catch(() => {});
        }
        // A sticky navbar would be painted mid-page in a full-page picture and over tall elements.
        await page.addStyleTag({content: '.navbar { position: relative !important; }'});
        const name = `${path.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'home'}-${width}-${scheme}.png`;
        await page.screenshot({path: `screenshots/${name}`, fullPage: true});
        console.log(`screenshots/${name}`);
        // Full pages shrink to illegible on a phone width; the playgrounds are where detail matters.
        const playgrounds = page.getByTestId('playground');
        for (let index = 0; index < (await playgrounds.count()); index++) {
          const detail = name.replace(/\.png$/, `-playground${index + 1}.png`);
          await playgrounds.nth(index).screenshot({path: `screenshots/${detail}`});
          console.log(`screenshots/${detail}`);
        }
        for (const widget of ['http-console', 'request-builder', 'simulation']) {
          const widgets = page.getByTestId(widget);
          for (let index = 0; index < (await widgets.count()); index++) {
            const detail = name.replace(/\.png$/, `-${widget}${index + 1}.png`);
            await widgets.nth(index).screenshot({path: `screenshots/${detail}`});
            console.log(`screenshots/${detail}`);
          }
        }
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await site.stop();
}
