/**
 * Playground timings in Chromium — figures printed, not asserted.
 *
 *   npm run build && npm run bench:playground
 *   BENCH_ONLY=editor BENCH_RUNS=15 npm run bench:playground   (one part, more runs)
 *
 * Against `npm run serve`, on the retry page, measured inside the page
 * (performance.now, a MutationObserver, requestAnimationFrame), so
 * Playwright's own round trips do not count. Budgets from DESIGN.md:
 * - editor ready after the playground scrolls in (≤ 300 ms median): a fresh
 *   context each time, so the editor's chunks come over loopback, not from cache;
 * - Run → first chart point (≤ 50 ms median, dial latency 0): a one-call
 *   snippet that clears the dial's faults (`fault(null)`), the same snippet
 *   under the page's default dial, and the page's own snippet — each Run as
 *   soon as the last has ended; and the first again at a reader's pace,
 *   READER_PAUSE_MS after the last, by when the spare worker that Run
 *   started has finished starting (back to back, its start-up shares the
 *   2 cores with the next Run);
 * - Stop → "stopped" on a busy loop (`while (true) {}`), which only
 *   terminating the worker can end;
 * - floods (Stop ≤ 100 ms, frames < 50 ms, bounded memory): `log`,
 *   `chart.point` and both in a `while (true)` loop for 3 s, RUNS times each —
 *   the longest gap between animation frames, Stop → stopped, and the JS heap
 *   before and during. Frames are wall time, which a shared machine's load
 *   stretches several times over; so each flood also says what the page's
 *   main thread spent in CPU time (a trace's thread time): per second, and
 *   its longest task. A gap also counts frames that the compositor or raster,
 *   not the main thread, was late with (the flood's worker holds one of two
 *   cores); so each flood runs RUNS times more without the frame watcher
 *   (whose requestAnimationFrame makes 60 main-thread frames a second, where
 *   the page asks for a handful) and counts its long animation frames:
 *   main-thread frames over 50 ms (PerformanceObserver 'long-animation-frame'),
 *   none when every one stayed under the budget.
 *
 * Before and after, it prints the machine's load and a host reference (a
 * fixed workload's time, scripts/bench/host-reference.ts): on a shared host
 * the same build's figures drift 1.2–1.6× within an hour, so compare runs
 * only where the references agree.
 */
import type {Browser, CDPSession, Page} from 'playwright-core';
import {launchChromium} from '../tests/e2e/support/browser';
import {PlaygroundDriver} from '../tests/e2e/support/playground';
import {serveProductionBuild} from '../tests/e2e/support/serve';
import {hostReferenceMs} from './bench/host-reference';
import {benchOnly, loadAverage, median, ms} from './bench/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_ONLY=editor (or run, floods, stop; comma-separated): an A/B of one change need not wait minutes for the others.
const ONLY = benchOnly(['editor', 'run', 'floods', 'stop']);
// Time to glance at a run's chart before pressing Run again.
const READER_PAUSE_MS = 400;
// Charts its one point whether the call succeeds or fails: the page's fault dial may inject errors.
const ONE_CALL = [
  'const point = (outcome) => chart.point({attempt: 1, delayMs: 0, outcome});',
  "try { await router.decide({message: {tenantId: 'bench', messageId: 'm-1'}}); point('ok'); }",
  'catch (error) { point(codeName(ConnectError.from(error).code)); }',
  '',
].join('\n');
const FLOODS = {
  log: 'while (true) { log("hello") }\n',
  // Short lines: the driver looks for the pasted first line in Monaco's view, where a long one wraps.
  'chart.point': 'while (true) {\n  chart.point({attempt: 1, delayMs: Math.random() * 100, outcome: "ok"});\n}\n',
  'log and chart.point':
    'let i = 0;\nwhile (true) {\n  i++;\n  log("call", i);\n  chart.point({attempt: 1, delayMs: i % 400, outcome: i % 3 ? "ok" : "unavailable"});\n}\n',
};

/** Scrolls the playground in and resolves with the ms until its editor is ready. */
function scrollToEditorReady(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    // The page's server HTML (its island div included) is replaced by the live playground as it nears the viewport.
    const island = document.querySelector('[data-testid="playground"]').closest('[data-island]').parentElement;
    const ready = () => island.querySelector('[data-editor-ready="true"] .monaco-editor .view-lines');
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (ready()) { observer.disconnect(); resolve(performance.now() - started); }
    });
    observer.observe(island, {subtree: true, childList: true, attributes: true});
    island.scrollIntoView({block: 'center'});
    setTimeout(() => reject(new Error('editor not ready within 30 s')), 30000);
  })`);
}

interface FloodFigures {
  longestFrameMs: number;
  /** The durations of the main thread's frames over 50 ms, in a run of its own without the frame watcher. */
  longFramesMs: number[];
  /** The page's main thread, in CPU time: per second of the flood, and its longest task. */
  mainCpuMsPerS: number;
  longestTaskCpuMs: number;
  stopMs: number;
  heapBeforeMb: number;
  heapDuringMb: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: {name?: string};
}

/** Traces the page while `during` runs: the main thread's tasks, each with its CPU (thread) time in ms. */
async function mainThreadTasks(cdp: CDPSession, during: () => Promise<void>): Promise<number[]> {
  const events: TraceEvent[] = [];
  const collect = ({value}: {value: object[]}) => events.push(...(value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    categories: 'disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await during();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const main = events.find(
    (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  );
  return events
    .filter(
      (event) => event.ph === 'X' && event.name === 'RunTask' && event.pid === main?.pid && event.tid === main.tid,
    )
    .map((event) => (event.tdur ?? event.dur ?? 0) / 1000);
}

/** Runs the editor's (flooding) snippet for `ms`, watching frames, CPU and the heap, then times Stop. */
async function flood(playground: PlaygroundDriver, page: Page, cdp: CDPSession, ms: number): Promise<FloodFigures> {
  const heap = () =>
    page.evaluate('performance.memory ? performance.memory.usedJSHeapSize / 1048576 : NaN') as Promise<number>;
  const heapBeforeMb = await heap();
  let longestFrameMs = 0;
  const tasks = await mainThreadTasks(cdp, async () => {
    longestFrameMs = await watchFrames(page, ms);
  });
  const heapDuringMb = await heap();
  const stopMs = await playground.timeStop();
  const longFramesMs = await longAnimationFrames(page, ms);
  await playground.timeStop();
  return {
    longestFrameMs,
    longFramesMs,
    mainCpuMsPerS: tasks.reduce((sum, cpu) => sum + cpu, 0) / (ms / 1000),
    longestTaskCpuMs: Math.max(0, ...tasks),
    stopMs,
    heapBeforeMb,
    heapDuringMb,
  };
}

/** Clicks Run and resolves with the longest gap between animation frames over the next `ms`. */
function watchFrames(page: Page, ms: number): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const root = document.querySelector('[data-testid="playground"]');
    root.querySelector('[data-testid="playground-run"]').click();
    let last = performance.now();
    let longest = 0;
    const end = last + ${ms};
    const frame = (now) => {
      longest = Math.max(longest, now - last);
      last = now;
      if (now < end) requestAnimationFrame(frame); else resolve(longest);
    };
    requestAnimationFrame(frame);
  })`) as Promise<number>;
}

/** Clicks Run and resolves with the duration of each long animation frame (over 50 ms) in the next `ms`. */
function longAnimationFrames(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    if (!PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      reject(new Error('this Chromium has no long-animation-frame entries'));
      return;
    }
    const durations = [];
    const record = (entries) => durations.push(...entries.map((entry) => entry.duration));
    const observer = new PerformanceObserver((list) => record(list.getEntries()));
    observer.observe({type: 'long-animation-frame'});
    document.querySelector('[data-testid="playground"] [data-testid="playground-run"]').click();
    setTimeout(() => {
      record(observer.takeRecords());
      observer.disconnect();
      resolve(durations);
    }, ${ms});
  })`) as Promise<number[]>;
}

async function settle(playground: PlaygroundDriver): Promise<void> {
  for (const status of ['done', 'failed', 'stopped', 'timed-out']) {
    if ((await playground.status()) === status) return;
  }
  await playground.root
    .locator('[data-testid="playground-status"]:not([data-status="running"])')
    .waitFor({timeout: 60_000});
}

const hostReference = async (browser: Browser) =>
  `host reference ${ms(await hostReferenceMs(browser))} (a fixed workload: the figures below compare only between runs whose host reference is alike)`;

async function main(): Promise<void> {
  const [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
  try {
    console.log(`before: ${loadAverage()}; ${await hostReference(browser)}`);
    const editorReady: number[] = [];
    for (let i = 0; ONLY.has('editor') && i < RUNS; i++) {
      const context = await browser.newContext({viewport: {width: 1280, height: 900}});
      const fresh = await context.newPage();
      await fresh.goto(`${site.url}/guide/resilience/retry-backoff`, {waitUntil: 'networkidle'});
      editorReady.push(await scrollToEditorReady(fresh));
      await context.close();
    }

    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${site.url}/guide/resilience/retry-backoff`);
    const playground = new PlaygroundDriver(page);
    await playground.waitForEditor();

    const pageSnippet: number[] = [];
    const oneCall: number[] = [];
    const oneCallNoLatency: number[] = [];
    const oneCallNoLatencyPaced: number[] = [];
    if (ONLY.has('run')) {
      for (let i = 0; i < RUNS; i++) {
        pageSnippet.push(await playground.timeRunToFirstPoint());
        await settle(playground);
      }
      await playground.setCode(ONE_CALL);
      for (let i = 0; i < RUNS; i++) {
        oneCall.push(await playground.timeRunToFirstPoint());
        await settle(playground);
      }
      await playground.setCode(`fault(null);\n${ONE_CALL}`);
      for (let i = 0; i < RUNS; i++) {
        oneCallNoLatency.push(await playground.timeRunToFirstPoint());
        await settle(playground);
      }
      for (let i = 0; i < RUNS; i++) {
        await page.waitForTimeout(READER_PAUSE_MS);
        oneCallNoLatencyPaced.push(await playground.timeRunToFirstPoint());
        await settle(playground);
      }
    }
    const floods: Record<string, FloodFigures[]> = {};
    for (const [name, code] of ONLY.has('floods') ? Object.entries(FLOODS) : []) {
      await playground.setCode(code);
      floods[name] = [];
      for (let i = 0; i < RUNS; i++) floods[name].push(await flood(playground, page, cdp, 3_000));
    }
    const stops: number[] = [];
    if (ONLY.has('stop')) {
      await playground.setCode('while (true) {}\n');
      for (let i = 0; i < RUNS; i++) {
        await playground.run.click();
        await playground.waitForStatus('running');
        await page.waitForTimeout(300);
        stops.push(await playground.timeStop());
      }
    }
    console.log(`after: ${loadAverage()}; ${await hostReference(browser)}`);
    const line = (samples: number[]) =>
      `median ${ms(median(samples))} (min ${ms(Math.min(...samples))}, max ${ms(Math.max(...samples))}, ${samples.length} runs)`;
    if (ONLY.has('editor')) {
      console.log(`editor ready after the playground scrolls in: ${line(editorReady)} — budget ≤ 300 ms median`);
    }
    if (ONLY.has('run')) {
      console.log(
        `Run → first chart point, one-call snippet, dial latency 0 (fault(null)), runs back to back: ${line(oneCallNoLatency)} — budget ≤ 50 ms median`,
      );
      console.log(
        `Run → first chart point, the same, ${READER_PAUSE_MS} ms after the last run (a reader's pace): ${line(oneCallNoLatencyPaced)} — budget ≤ 50 ms median`,
      );
      console.log(`Run → first chart point, one-call snippet, the page's default dial: ${line(oneCall)}`);
      console.log(`Run → first chart point, the page's snippet and dial: ${line(pageSnippet)}`);
    }
    if (ONLY.has('stop')) console.log(`Stop → stopped, busy loop: ${line(stops)}`);
    const longFrames = (runs: number[][]) => {
      if (runs.every((frames) => frames.length === 0)) return `none (${runs.length} runs)`;
      const counts = runs.map((frames) => frames.length);
      return `median ${median(counts)} a run (max ${Math.max(...counts)}), the longest ${line(runs.map((frames) => Math.max(0, ...frames)))}`;
    };
    for (const [name, runs] of Object.entries(floods)) {
      const heap = (key: 'heapBeforeMb' | 'heapDuringMb') =>
        `${Math.max(...runs.map((figures) => figures[key])).toFixed(1)} MB`;
      console.log(
        `${name} flood for 3 s: longest frame ${line(runs.map((figures) => figures.longestFrameMs))} — budget < 50 ms; without the frame watcher, main-thread frames over 50 ms ${longFrames(runs.map((figures) => figures.longFramesMs))} — budget: none; main thread's CPU per second of it ${line(runs.map((figures) => figures.mainCpuMsPerS))}, in its longest task ${line(runs.map((figures) => figures.longestTaskCpuMs))}; Stop → stopped ${line(runs.map((figures) => figures.stopMs))} — budget ≤ 100 ms; JS heap at most ${heap('heapBeforeMb')} before, ${heap('heapDuringMb')} during`,
      );
    }
  } finally {
    await browser.close();
    await site.stop();
  }
}

await main();
