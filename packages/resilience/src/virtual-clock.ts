/**
 * VirtualClock — discrete-event time for tests and simulations.
 *
 * `sleep(ms)` does not wait: it registers a timer at `now + ms` and returns a
 * promise. Time moves only when you call `advance(ms)`, `run()` or
 * `runUntil(promise)`, which fire the timers one at a time in (time,
 * registration order) and jump `now()` to each timer's time — the classic
 * next-event time advance (e.g. Law, "Simulation Modeling and Analysis",
 * ch. 1). A run of hundreds of concurrent async clients is thus
 * deterministic: same code + same seed ⇒ same interleaving.
 *
 * Microtask ordering. Resolving a timer's promise only *queues* the
 * sleeper's continuation. Before firing the next timer we let every queued
 * promise job run (`flush`: one macrotask turn — `setImmediate` in Node, a
 * `MessageChannel` message in browsers and workers — which by the HTML/Node
 * event-loop rules runs only after the microtask queue is empty). So each
 * woken continuation runs until its next `sleep` (or completion) before any
 * later timer fires, however many `await`s deep it is.
 */
import {abortReason} from './abort';
import type {Clock} from './clock';
import {TimerHeap} from './timer-heap';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  cancelled: boolean;
}

export interface VirtualClockOptions {
  /** Initial `now()`, default 0. */
  start?: number;
  /** Waits until pending promise jobs have run; default: one macrotask turn. */
  flush?: () => Promise<void>;
  /** Safety net against runaway loops (e.g. a client sleeping 0 forever). Default 10 000 000 timers per run. */
  maxTimers?: number;
}

export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private live = 0;
  private readonly heap = new TimerHeap<Timer>();
  private readonly flush: () => Promise<void>;
  private readonly maxTimers: number;
  /** Number of timers fired so far (handy to assert determinism). */
  fired = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.current = options.start ?? 0;
    this.flush = options.flush ?? macrotask;
    this.maxTimers = options.maxTimers ?? 10_000_000;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        at: this.current + Math.max(0, Number.isFinite(ms) ? ms : 0),
        seq: this.seq++,
        cancelled: false,
        fire: resolve,
      };
      if (ms === Infinity) timer.at = Infinity;
      if (signal) {
        const onAbort = () => {
          if (timer.cancelled) return;
          timer.cancelled = true;
          this.live--;
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', onAbort, {once: true});
        timer.fire = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
      }
      this.live++;
      this.heap.push(timer);
    });
  }

  /** Timers registered and neither fired nor cancelled. */
  get pendingTimers(): number {
    return this.live;
  }

  /** Time of the next timer to fire, if any. */
  nextTimerAt(): number | undefined {
    return this.peekLive()?.at;
  }

  /** Fires every timer due within `ms`, then sets `now()` to `now + ms`. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.current + ms);
  }

  /** Fires every timer due at or before `time`, then sets `now()` to `time`. */
  async advanceTo(time: number): Promise<void> {
    await this.flush();
    let budget = this.maxTimers;
    for (let next = this.peekLive(); next && next.at <= time; next = this.peekLive()) {
      if (budget-- <= 0) throw new Error('VirtualClock: timer budget exhausted (runaway loop?)');
      await this.fireNext();
    }
    if (time > this.current) this.current = time;
  }

  /** Fires timers until none is left (finite ones only); returns the final time. */
  async run(): Promise<number> {
    await this.flush();
    let budget = this.maxTimers;
    for (let next = this.peekLive(); next && next.at !== Infinity; next = this.peekLive()) {
      if (budget-- <= 0) throw new Error('VirtualClock: timer budget exhausted (runaway loop?)');
      await this.fireNext();
    }
    return this.current;
  }

  /**
   * Fires timers until `promise` settles, then returns its value (or throws
   * its error). Throws if no timer is left while it is still pending — a
   * deadlock: nothing in virtual time can ever settle it.
   */
  async runUntil<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    await this.flush();
    let budget = this.maxTimers;
    while (!settled) {
      const next = this.peekLive();
      if (!next || next.at === Infinity) {
        throw new Error('VirtualClock.runUntil: promise still pending and no timer left');
      }
      if (budget-- <= 0) throw new Error('VirtualClock: timer budget exhausted (runaway loop?)');
      await this.fireNext();
    }
    return promise;
  }

  private peekLive(): Timer | undefined {
    let top = this.heap.peek();
    while (top?.cancelled) {
      this.heap.pop();
      top = this.heap.peek();
    }
    return top;
  }

  private async fireNext(): Promise<void> {
    const timer = this.peekLive();
    if (!timer) return;
    this.heap.pop();
    this.live--;
    timer.cancelled = true; // a late abort must not reject a fired timer
    if (timer.at > this.current) this.current = timer.at;
    this.fired++;
    timer.fire();
    await this.flush();
  }
}

/** One macrotask turn: every promise job queued before it has run by then. */
function macrotask(): Promise<void> {
  const g = globalThis as {setImmediate?: (cb: () => void) => unknown};
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return new Promise((resolve) => setImmediate(resolve));
  }
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
