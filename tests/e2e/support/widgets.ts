import type {Locator, Page} from 'playwright-core';

/**
 * The request widgets a page may hold, each with the selector that is present
 * once its request has been answered (or has failed, or is streaming).
 */
export const requestAnswered: Record<'http-console' | 'request-builder', string> = {
  'http-console':
    '[data-testid="http-console-response"]:is([data-phase="done"], [data-phase="failed"], [data-phase="streaming"])',
  'request-builder': '[data-testid="request-builder-result"]:is([data-outcome="ok"], [data-outcome="error"])',
};

/**
 * A lazily loaded widget (a LazyIsland: server HTML until it nears the
 * viewport), scrolled near and returned once its live code has replaced the
 * server HTML. Not scrollIntoViewIfNeeded: the element is swapped mid-scroll.
 */
export async function liveWidget(page: Page, testId: 'http-console' | 'request-builder'): Promise<Locator> {
  await page
    .getByTestId(testId)
    .first()
    .evaluate((element) => element.scrollIntoView({block: 'nearest'}));
  const live = page.locator(`[data-island-live] [data-testid="${testId}"]`).first();
  await live.waitFor();
  return live;
}
