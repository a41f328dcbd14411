import type {Locator, Page} from 'playwright-core';

/** Drives one <Playground> through its stable test ids, as a reader would. */
export class PlaygroundDriver {
  readonly root: Locator;
  constructor(
    private readonly page: Page,
    private readonly index = 0,
  ) {
    this.root = page.getByTestId('playground').nth(index);
  }

  /**
   * Clicks one of the playground's buttons in the page and resolves with the
   * ms, on the page's clock, until `done` (an expression of `root`, the
   * playground) holds: the page's answer, not the test's round trips to a
   * browser on a loaded machine. A script string, not a function: tsx (the
   * benchmarks) would wrap a function in helpers that do not exist in the page.
   */
  private clickAndTime(button: string, done: string, timeoutMs: number): Promise<number> {
    return this.page.evaluate(`new Promise((resolve, reject) => {
      const root = document.querySelectorAll('[data-testid="playground"]')[${this.index}];
      const done = () => ${done};
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (done()) { observer.disconnect(); resolve(performance.now() - started); }
      });
      observer.observe(root, {subtree: true, childList: true, attributes: true});
      root.querySelector('[data-testid="${button}"]').click();
      setTimeout(() => reject(new Error('${button}: not done within ${timeoutMs} ms')), ${timeoutMs});
    })`);
  }

  /** Clicks Run and resolves with the ms until the chart has drawn a point. */
  timeRunToFirstPoint(): Promise<number> {
    return this.clickAndTime(
      'playground-run',
      `Number(root.querySelector('[data-testid="chart-drawn"]')?.getAttribute('data-drawn') ?? 0) >= 1`,
      30_000,
    );
  }

  /** Clicks Stop and resolves with the ms until the status says stopped. */
  timeStop(): Promise<number> {
    return this.clickAndTime(
      'playground-stop',
      `root.querySelector('[data-testid="playground-status"]')?.getAttribute('data-status') === 'stopped'`,
      10_000,
    );
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

  async waitForEditor(timeout = 30_000): Promise<void> {
    // Not scrollIntoViewIfNeeded: the server-rendered playground is replaced by the live one as it nears the viewport.
    await this.root.evaluate((element) => element.scrollIntoView({block: 'nearest'}));
    await this.root.locator('[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({timeout});
  }

  /**
   * Replaces the editor's text with a real paste event: typed text would be
   * re-indented and get its brackets auto-closed by Monaco.
   */
  async setCode(code: string): Promise<void> {
    await this.clear();
    await this.paste(code);
    // Monaco applies a paste asynchronously; a key pressed before it lands would act on the old text.
    const firstLine = code.split('\n').find((line) => line.trim()) ?? '';
    await this.waitForEditorText(
      (text) => text.includes(firstLine.trim()),
      `the editor never showed the pasted code (${firstLine})`,
    );
  }

  /**
   * setCode for a whole file. After a long paste Monaco scrolls to its end and
   * does not draw the first line, so the paste has landed when the last line
   * is on screen; the editor is seen empty first, so a last line the old text
   * shared cannot pass for it.
   */
  async pasteFile(code: string): Promise<void> {
    const marker = (code.trimEnd().split('\n').at(-1) ?? '').trim().slice(0, 40);
    await this.clear();
    await this.waitForEditorText((text) => text.trim() === '', 'the editor never emptied before the paste');
    await this.paste(code);
    await this.waitForEditorText(
      (text) => text.includes(marker),
      `the editor never showed the pasted file (${marker})`,
    );
  }

  private async clear(): Promise<void> {
    await this.root.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
  }

  /** A real paste event into the focused editor. */
  private async paste(code: string): Promise<void> {
    await this.page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}),
      );
    }, code);
  }

  private async waitForEditorText(done: (text: string) => boolean, failure: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!done(await this.editorText())) {
      if (Date.now() > deadline) throw new Error(failure);
      await this.page.waitForTimeout(50);
    }
  }

  /** The editor's visible text, with Monaco's non-breaking spaces made plain. */
  async editorText(): Promise<string> {
    const text = await this.root.locator('.monaco-editor .view-lines').innerText();
    return text.replace(/\u00a0/g, ' ');
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
