/**
 * Bounded queue (backpressure): at most `concurrency` calls run at once;
 * up to `maxQueue` more wait in FIFO order; a call arriving to a full queue
 * is rejected at once (RESOURCE_EXHAUSTED, "queue full"), and a call that
 * waits longer than `maxWaitMs` gives up (DEADLINE_EXCEEDED, "queue wait
 * exceeded"). This is the bulkhead of Nygard's "Release It!" and of
 * cockatiel's `bulkhead(limit, queue)`, plus a wait limit; an unbounded
 * queue only turns overload into latency (Google SRE book, ch. 21
 * "Handling Overload", and ch. 22 "Addressing Cascading Failures": "queue
 * management … a bounded queue, rejecting when full").
 */
import {Code} from '@connectrpc/connect';
import {abortReason, neverAborted} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {RejectedError} from './errors';
import type {Policy, PolicyContext} from './policy';

export interface QueueEvent {
  type: 'start' | 'enqueue' | 'reject-full' | 'timeout' | 'cancel' | 'done';
  at: number;
  running: number;
  queued: number;
}

export interface BoundedQueueOptions {
  /** Calls running at once. Default 1. */
  concurrency?: number;
  /** Calls allowed to wait. */
  maxQueue: number;
  /** Longest wait in the queue, ms. Default: no limit. */
  maxWaitMs?: number;
  clock?: Clock;
  /** Every change of depth, for charts. */
  onEvent?: (event: QueueEvent) => void;
}

interface Waiter {
  start: () => void;
  settled: boolean;
}

export class BoundedQueue implements Policy {
  readonly concurrency: number;
  readonly maxQueue: number;
  readonly maxWaitMs: number;
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private readonly clock: Clock;

  constructor(private readonly options: BoundedQueueOptions) {
    this.concurrency = options.concurrency ?? 1;
    this.maxQueue = options.maxQueue;
    this.maxWaitMs = options.maxWaitMs ?? Infinity;
    this.clock = options.clock ?? realClock;
    if (!(this.concurrency >= 1)) throw new RangeError('concurrency must be >= 1');
    if (!(this.maxQueue >= 0)) throw new RangeError('maxQueue must be >= 0');
  }

  /** Calls running now. */
  get running(): number {
    return this.active;
  }

  /** Calls waiting now. */
  get queued(): number {
    return this.waiting.length;
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw abortReason(signal);
    if (this.active < this.concurrency) {
      this.active++;
      this.emit('start');
    } else if (this.waiting.length >= this.maxQueue) {
      this.emit('reject-full');
      throw new RejectedError('queue-full', `queue full (${this.maxQueue} waiting)`, Code.ResourceExhausted);
    } else {
      await this.wait(signal);
    }
    try {
      return await fn({signal: signal ?? neverAborted});
    } finally {
      this.active--;
      this.emit('done');
      this.startNext();
    }
  }

  private wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = new AbortController();
      const waiter: Waiter = {settled: false, start: () => {}};
      const leave = (type: 'timeout' | 'cancel', error: unknown) => {
        if (waiter.settled) return;
        waiter.settled = true;
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        signal?.removeEventListener('abort', onAbort);
        timer.abort();
        this.emit(type);
        reject(error);
      };
      const onAbort = () => leave('cancel', abortReason(signal as AbortSignal));
      waiter.start = () => {
        waiter.settled = true;
        signal?.removeEventListener('abort', onAbort);
        timer.abort();
        resolve();
      };
      this.waiting.push(waiter);
      this.emit('enqueue');
      signal?.addEventListener('abort', onAbort, {once: true});
      if (this.maxWaitMs !== Infinity) {
        this.clock.sleep(this.maxWaitMs, timer.signal).then(
          () =>
            leave(
              'timeout',
              new RejectedError('queue-timeout', `queue wait exceeded ${this.maxWaitMs} ms`, Code.DeadlineExceeded),
            ),
          () => {},
        );
      }
    });
  }

  private startNext(): void {
    while (this.active < this.concurrency) {
      const next = this.waiting.shift();
      if (!next) return;
      if (next.settled) continue;
      this.active++;
      next.start();
      this.emit('start');
    }
  }

  private emit(type: QueueEvent['type']): void {
    this.options.onEvent?.({type, at: this.clock.now(), running: this.active, queued: this.waiting.length});
  }
}
