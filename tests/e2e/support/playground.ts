import type {Locator, Page} from 'playwright-core';

/** Drives one <Playground> through its stable test ids, as a reader would. */
export class PlaygroundDriver {
  readonly root: Locator;
  constructor(private readonly page: Page, index = 0) {
    this.root = page.getByTestId('playground').nth(index);
  }

  get run() {
    return this.root.getByTestId('playground-run');
  }
  get stop() {
    return this.root.getByTestId('playground-stop');
  }
  get reset() {
    return this.root.getByTestId('playground-reset');
  }
  get output() {
    return this.root.getByTestId('playground-output');
  }
  get chart() {
    return this.root.getByTestId('playground-chart');
  }

  async waitForEditor(): Promise<void> {
    await this.root.scrollIntoViewIfNeeded();
    await this.root.locator('.monaco-editor .view-lines').waitFor({timeout: 30_000});
  }

  /** Replaces the editor's text the way a paste would. */
  async setCode(code: string): Promise<void> {
    await this.root.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(code);
  }

  async status(): Promise<string | null> {
    return this.root.getByTestId('playground-status').getAttribute('data-status');
  }

  async waitForStatus(status: string, timeout = 30_000): Promise<void> {
    await this.root.locator(`[data-testid="playground-status"][data-status="${status}"]`).waitFor({timeout});
  }

  async chartPoints(): Promise<number> {
    return Number(await this.chart.getAttribute('data-points'));
  }

  async logLines(): Promise<string[]> {
    return this.output.locator('li[data-level]').allInnerTexts();
  }

  /** Resolves when a log line matches; times out (and fails the test) otherwise. */
  async waitForLog(pattern: RegExp, timeout = 15_000): Promise<void> {
    await this.output.locator('li[data-level]', {hasText: pattern}).first().waitFor({timeout});
  }
}
