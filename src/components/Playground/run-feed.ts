import type {WorkerEvent} from '@site/src/playground/protocol';
import {appendEvents, emptyOutput, outputLimits, type RunOutput} from './run-output';

export interface Frames {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const browserFrames: Frames = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

// Events waiting for a frame are folded into the output once this many pile
// up, so a page whose frames stall (a hidden tab) still holds a bounded amount.
const foldAt = outputLimits.lines + outputLimits.points;

/**
 * Turns a run's event stream into what the page shows (`show`). The first
 * event of a run is shown at once — a Run should not wait for a frame — and
 * later ones once per animation frame, so a chatty snippet costs at most one
 * render per frame.
 */
export class RunFeed {
  private output: RunOutput = emptyOutput;
  private pending: WorkerEvent[] = [];
  private frame: number | null = null;
  private shown = false;

  constructor(
    private readonly show: (output: RunOutput) => void,
    private readonly frames: Frames = browserFrames,
  ) {}

  push(event: WorkerEvent): void {
    this.pending.push(event);
    if (this.pending.length >= foldAt) this.fold();
    if (!this.shown) {
      this.shown = true;
      this.flush();
    } else this.frame ??= this.frames.request(() => this.flush());
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

  private flush(): void {
    this.cancelFrame();
    this.fold();
    this.show(this.output);
  }

  private cancelFrame(): void {
    if (this.frame !== null) this.frames.cancel(this.frame);
    this.frame = null;
  }
}
