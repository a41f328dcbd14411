import type {WorkerEvent} from '@site/src/snippet-runner/protocol';
import {appendEvents, emptyOutput, outputLimits, type RunOutput} from './run-output';

export interface Frames {
  request(callback: () => void): number;
  cancel(handle: number): void;
  now(): number;
  /** Calls back once `ms` have passed (a timer, not a frame). */
  after(callback: () => void, ms: number): number;
  cancelAfter(handle: number): void;
}

const browserFrames: Frames = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
  now: () => performance.now(),
  after: (callback, ms) => window.setTimeout(callback, ms),
  cancelAfter: (handle) => window.clearTimeout(handle),
};

// Each showing is a render of the log and the chart, their layout, paint and
// raster: during a flood they are done at most this often. The worker's
// loop holds one of two cores and the page shares the other with the
// compositor and the GPU process, so every showing a second is felt in the
// frames; four a second still read as a live stream.
export const minGapMs = 250;

// Events waiting for a frame are folded into the output once this many pile
// up, so a page whose frames stall (a hidden tab) still holds a bounded amount.
const foldAt = outputLimits.lines + outputLimits.points;

/**
 * Turns a run's event stream into what the page shows (`show`). The first
 * event of a run is shown at once — a Run should not wait for a frame — and
 * later ones on an animation frame at least `minGapMs` after the last
 * showing, so a chatty snippet costs at most four renders a second. The gap
 * is waited out on a timer: a frame asked for every frame until it passed
 * made the page render 60 frames a second, and restyle the running
 * spinner in each.
 */
export class RunFeed {
  private output: RunOutput = emptyOutput;
  private pending: WorkerEvent[] = [];
  private frame: number | null = null;
  private timer: number | null = null;
  private shown = false;
  private shownAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly show: (output: RunOutput) => void,
    private readonly frames: Frames = browserFrames,
  ) {}

  push(event: WorkerEvent): void {
    this.pending.push(event);
    if (this.pending.length >= foldAt) this.fold();
    // The first event, and the one that ends the run, are shown at once.
    if (!this.shown || event.type === 'done' || event.type === 'error') {
      this.shown = true;
      this.flush();
    } else this.schedule();
  }

  /**
   * The run is over (stopped, say, which no event tells): what waits for a
   * frame is shown now, so the output does not change after the status does.
   */
  end(): void {
    if (this.pending.length > 0 || this.frame !== null || this.timer !== null) this.flush();
  }

  /** Empties the output; the next event is again the first of a run. */
  reset(): void {
    this.cancelFrame();
    this.pending = [];
    this.output = emptyOutput;
    this.shown = false;
    this.show(this.output);
  }

  private fold(): void {
    this.output = appendEvents(this.output, this.pending);
    this.pending = [];
  }

  private schedule(): void {
    if (this.frame !== null || this.timer !== null) return;
    const wait = this.shownAt + minGapMs - this.frames.now();
    if (wait <= 0) this.requestFrame();
    else
      this.timer = this.frames.after(() => {
        this.timer = null;
        this.requestFrame();
      }, wait);
  }

  private requestFrame(): void {
    this.frame = this.frames.request(() => {
      this.frame = null;
      this.flush();
    });
  }

  private flush(): void {
    this.cancelFrame();
    this.fold();
    this.shownAt = this.frames.now();
    this.show(this.output);
  }

  private cancelFrame(): void {
    if (this.frame !== null) this.frames.cancel(this.frame);
    if (this.timer !== null) this.frames.cancelAfter(this.timer);
    this.frame = null;
    this.timer = null;
  }
}
