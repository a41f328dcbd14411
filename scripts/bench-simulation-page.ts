/**
 * The many-clients page in Chromium — figures printed, not asserted.
 *
 *   npm run build && npm run bench:simulation-page
 *
 * Goal (issue 9, goal 5): a move of the "Backoff base" slider re-draws the
 * sweep (10…200 clients × 5 strategies, computed in the page's Web Worker)
 * in ≤ 50 ms median. Measured inside the page (performance.now, a
 * MutationObserver), from the input event to the frame after both charts'
 * curves changed, so Playwright's own round trips do not count. Printed
 * apart: the share until React has put the new curves in the DOM (the
 * renders, and the worker's round trip when the page did not hold the sweep
 * already), and the worker's own share (the time the status line reports).
 * The rest is the frame: style, layout, paint.
 *
 * Wall times on a shared machine mostly measure the neighbours, so the CPU
 * time the page's renderer threads spent over all moves is printed beside
 * them (Linux's per-thread schedstat, in ns): its main thread's, and its
 * workers' — the sweeps a move waited for and the ones computed ahead.
 */
import {readFileSync, readdirSync} from 'node:fs';
import {launchChromium} from '../tests/e2e/support/browser';
import {serveProductionBuild} from '../tests/e2e/support/serve';
import {loadAverage, median, ms} from './bench/stats';

const MOVES = Number(process.env.BENCH_RUNS ?? 25);

/** Processes descending from this one (the browser Playwright started, and its renderers), by pid. */
function descendants(): {pid: number; cmdline: string}[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // After the command name in parentheses: state, then the parent's pid.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let at = parents.get(pid); at !== undefined && at > 1; at = parents.get(at)) {
      if (at === process.pid) return true;
    }
    return false;
  };
  return [...parents.keys()].filter(ours).map((pid) => ({
    pid,
    cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '),
  }));
}

/** CPU ns so far of each thread of Chromium's renderers started by this process, by "pid/tid name". */
function rendererThreadCpu(): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const {pid, cmdline} of descendants()) {
    if (!cmdline.includes('--type=renderer')) continue;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        cpu.set(`${pid}/${tid} ${name}`, ns);
      } catch {
        // the thread ended
      }
    }
  }
  return cpu;
}

/** CPU ms each thread spent between two rendererThreadCpu() readings: the renderer's main thread, its workers, the rest. */
function threadShares(before: Map<string, number>, after: Map<string, number>) {
  const shares = {main: 0, workers: 0, other: 0};
  for (const [key, ns] of after) {
    const spent = (ns - (before.get(key) ?? 0)) / 1e6;
    const [pid, tid] = key.split(' ')[0]!.split('/');
    if (pid === tid) shares.main += spent;
    else if (/DedicatedWorker/i.test(key)) shares.workers += spent;
    else shares.other += spent;
  }
  return shares;
}

/**
 * In-page script: moves the base slider to `value` and resolves with
 * [ms until the curves changed and a frame passed, ms until they changed, the worker's ms,
 * 1 when the page held the sweep already]. A
 * string, not a function: tsx would wrap a function in helpers the page
 * does not have.
 */
function moveAndTime(value: number): string {
  return `new Promise((resolve, reject) => {
    const root = document.querySelector('[data-testid="simulation"]');
    const slider = root.querySelector('[data-testid="simulation-base"]');
    const curves = () => [...root.querySelectorAll('.recharts-line-curve')].map((p) => p.getAttribute('d')).join('|');
    const status = root.querySelector('[data-testid="simulation-status"]');
    const before = curves();
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (status.getAttribute('data-computing') !== 'false' || curves() === before) return;
      observer.disconnect();
      const committed = performance.now() - started;
      requestAnimationFrame(() => {
        // A sweep the page kept ("computed ahead") cost the worker nothing on this move.
        const worker = Number(/in (\\d+) ms/.exec(status.textContent)?.[1] ?? 0);
        const held = /computed ahead/.test(status.textContent) ? 1 : 0;
        resolve([performance.now() - started, committed, worker, held]);
      });
    });
    observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setValue.call(slider, '${value}');
    slider.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => reject(new Error('no redraw within 20 s')), 20000);
  })`;
}

async function main(): Promise<void> {
  const [site, browser] = await Promise.all([serveProductionBuild(), launchChromium()]);
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    await page.goto(`${site.url}/guide/resilience/many-clients`);
    const charts = page.getByTestId('simulation-charts');
    await charts.locator('.recharts-line-curve').first().waitFor({timeout: 30_000});
    await page.locator('[data-testid="simulation-status"][data-computing="false"]').waitFor({timeout: 30_000});
    const redraws: number[] = [];
    const commits: number[] = [];
    const workers: number[] = [];
    const heldRedraws: number[] = [];
    const loadBefore = loadAverage();
    const cpuBefore = rendererThreadCpu();
    for (let i = 0; i < MOVES; i++) {
      // Up the slider and, past its top, back down: 6…50, 49…
      const value = 6 + i <= 50 ? 6 + i : 94 - i;
      const [redraw, commit, worker, held] = (await page.evaluate(moveAndTime(value))) as number[];
      redraws.push(redraw!);
      commits.push(commit!);
      workers.push(worker!);
      if (held) heldRedraws.push(redraw!);
    }
    // The moves drawn from a sweep the page held are the main thread's work alone; the others
    // waited for the worker, which falls behind when the machine's cores are busy.
    const cpu = threadShares(cpuBefore, rendererThreadCpu());
    const perMove = (total: number) => ms(total / MOVES);
    const held = heldRedraws.length
      ? `${heldRedraws.length} of ${MOVES} moves found the sweep held: median ${ms(median(heldRedraws))}`
      : `no move found the sweep held`;
    console.log(
      `many-clients slider → sweep re-drawn (${MOVES} moves): median ${ms(median(redraws))} ` +
        `(min ${ms(Math.min(...redraws))}, max ${ms(Math.max(...redraws))}); goal ≤ 50 ms median. ` +
        `Until the new curves are in the DOM: median ${ms(median(commits))}, of which the worker computing ${ms(median(workers))}; ` +
        `${held}. ` +
        `CPU per move (renderer threads, mean): main ${perMove(cpu.main)}, workers ${perMove(cpu.workers)} ` +
        `(sweeps waited for and computed ahead), other ${perMove(cpu.other)}; ` +
        `${loadAverage()} after (${loadBefore} before)`,
    );
  } finally {
    await browser.close();
    await site.stop();
  }
}

await main();
