import type {Page} from 'playwright-core';

/**
 * Presses Tab (or Shift+Tab) until the element with this test id has focus,
 * as a keyboard-only reader would, and fails when it is not reachable within
 * `limit` presses or when its focus is not visible.
 */
export async function tabTo(page: Page, testId: string, {limit = 40, backwards = false} = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    if (focused === testId) {
      const visible = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
      });
      if (!visible) throw new Error(`${testId} has focus but shows no focus outline`);
      return;
    }
  }
  throw new Error(`${testId} was not reached with ${limit} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

/** Replaces the focused field's text by typing, the way a keyboard user would. */
export async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

/** The nearest live region around the element, or null: bodies must not sit inside one. */
export const liveAncestorScript = (element: Element) =>
  element.closest('[aria-live], [role="status"], [role="alert"], [role="log"]')?.outerHTML.slice(0, 80) ?? null;
