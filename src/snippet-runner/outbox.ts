import type {WorkerEvent} from './protocol';

type LogEvent = Extract<WorkerEvent, {type: 'log'}>;
type PointEvent = Extract<WorkerEvent, {type: 'point'}>;
type FaultEvent = Extract<WorkerEvent, {type: 'fault'}>;

export interface OutboxOptions {
  /** Sends one batch to the page (one `postMessage`). */
  post(events: WorkerEvent[]): void;
  clock: () => number;
  /** Batches go out at most this often while a snippet keeps emitting. */
  intervalMs?: number;
  /** The most log lines one batch carries; older ones are dropped and counted. */
  maxLogs?: number;
  /** The most chart points one batch carries; older ones are dropped and counted. */
  maxPoints?: number;
  /** The most characters of one log line the page receives. */
  maxTextLength?: number;
  setTimer?: (flush: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface Outbox {
  emit(event: WorkerEvent): void;
  /** Sends whatever is buffered, then `event` (done/error), at once. */
  finish(event: WorkerEvent): void;
}

/**
 * A second of a flood's batches (20) carries what the page keeps of a run
 * (1 000 lines, 5 000 points: run-output's outputLimits). Twice that, as
 * before, cost the page's main thread to receive and sort (the runner's
 * onmessage was its largest script item in a log-and-point flood), only for
 * the page to let it go.
 */
export const outboxDefaults = {intervalMs: 50, maxLogs: 50, maxPoints: 250, maxTextLength: 2_000};

/**
 * Stands between a snippet and `postMessage`, so a snippet that logs or
 * charts in a tight loop cannot flood the page: events go out in batches, at
 * most one per `intervalMs`, each with at most `maxLogs` lines and
 * `maxPoints` points (the newest; the rest are counted in a `dropped` event).
 *
 * A `while (true)` loop blocks the worker's own timers, so the time check
 * runs inside every emit; the timer only flushes what a snippet left
 * buffered before it went quiet (awaiting a call, a sleep). The first line
 * or point of a run goes out at once: nothing waits for a batch to fill.
 * A `fault` event is state, not a stream: only the latest one in a batch is
 * sent, so `while (true) fault(…)` floods nothing either, and it waits (up
 * to `intervalMs`) for the batch that follows it. Every run starts with one
 * (the fault in force) and many snippets set their own next: posted alone,
 * each was a render of the page while the run's first call was in flight,
 * and it took the interval's first slot, so the first point waited for the
 * timer.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const {intervalMs, maxLogs, maxPoints, maxTextLength} = {...outboxDefaults, ...withoutUndefined(options)};
  const setTimer = options.setTimer ?? ((flush, ms) => setTimeout(flush, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let logs: LogEvent[] = [];
  let points: PointEvent[] = [];
  let fault: FaultEvent | null = null;
  let droppedLogs = 0;
  let droppedPoints = 0;
  let lastFlush = Number.NEGATIVE_INFINITY;
  // When the fault being held was emitted; it is sent with the next batch, or alone once this is intervalMs old.
  let faultSince = 0;
  let sentFirst = false;
  let timer: unknown = null;

  const trimLogs = () => {
    droppedLogs += logs.length - maxLogs;
    logs = logs.slice(-maxLogs);
  };
  const trimPoints = () => {
    droppedPoints += points.length - maxPoints;
    points = points.slice(-maxPoints);
  };

  const flush = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    lastFlush = options.clock();
    if (logs.length > maxLogs) trimLogs();
    if (points.length > maxPoints) trimPoints();
    const batch: WorkerEvent[] = [...logs, ...points];
    if (fault) batch.push(fault);
    if (droppedLogs || droppedPoints) batch.push({type: 'dropped', logs: droppedLogs, points: droppedPoints});
    logs = [];
    points = [];
    fault = null;
    droppedLogs = 0;
    droppedPoints = 0;
    if (batch.length) options.post(batch);
  };

  return {
    emit(event) {
      if (event.type === 'log') {
        logs.push(
          event.text.length > maxTextLength ? {...event, text: `${event.text.slice(0, maxTextLength)}…`} : event,
        );
        // Trimming only at twice the cap keeps each emit O(1) amortised.
        if (logs.length >= 2 * maxLogs) trimLogs();
      } else if (event.type === 'point') {
        points.push(event);
        if (points.length >= 2 * maxPoints) trimPoints();
      } else if (event.type === 'fault') {
        if (!fault) faultSince = options.clock();
        fault = event;
      } else {
        this.finish(event);
        return;
      }
      const now = options.clock();
      const first = !sentFirst && event.type !== 'fault';
      sentFirst ||= first;
      // A fault alone waits for its own interval; a line or a point, for the last batch's.
      const since = event.type === 'fault' ? now - faultSince : now - lastFlush;
      if (first || since >= intervalMs) flush();
      else timer ??= setTimer(flush, intervalMs - since);
    },
    finish(event) {
      flush();
      options.post([event]);
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as Partial<T>;
}
