/**
 * `npm run screenshots [-- /path …]`: PNGs of guide pages against the
 * production build, light and dark, desktop and phone width, into
 * screenshots/. Playgrounds on a page are run first so the charts show data.
 */
import {mkdir} from 'node:fs/promises';
import {launchChromium} from '../tests/e2e/support/browser';
import {serveProductionBuild} from '../tests/e2e/support/serve';

const defaultPaths = ['/', '/guide/resilience/retry-backoff'];
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
          await runs.nth(index).scrollIntoViewIfNeeded();
          await runs.nth(index).click();
        }
        if (await runs.count()) {
          await page.locator('[data-testid="playground-status"][data-status="running"]').first().waitFor({state: 'detached', timeout: 45_000}).catch(() => {});
          await page.getByTestId('playground').first().scrollIntoViewIfNeeded();
          await page.waitForTimeout(800);
        }
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
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await site.stop();
}
