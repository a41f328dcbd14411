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
  /** …and at most this often while it floods: once a batch has had to drop lines or points. */
  floodIntervalMs?: number;
  /** The most log lines one batch carries; older ones are dropped and counted. */
  maxLogs?: number;
  /** The most chart points one batch carries; past it the batch's points are thinned evenly, and the rest counted. */
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
 * While a snippet floods, a batch goes out as often as the page shows one
 * (RunFeed's minGapMs, four times a second), not twenty times a second: each
 * message is a task on the page's main thread, and a showing draws at most
 * the newest forty lines and a thousand markers whatever it was sent. So a
 * flood sends 200 lines and 500 to 1 000 points a second, and the window the
 * page keeps of a run (1 000 lines, 5 000 points: run-output's outputLimits)
 * is its last five seconds or more.
 */
export const outboxDefaults = {intervalMs: 50, floodIntervalMs: 250, maxLogs: 50, maxPoints: 250, maxTextLength: 2_000};

/**
 * Stands between a snippet and `postMessage`, so a snippet that logs or
 * charts in a tight loop cannot flood the page: events go out in batches, at
 * most one per `intervalMs`, each with at most `maxLogs` lines (the newest)
 * and `maxPoints` points (an even sample); the rest are counted in a
 * `dropped` event. Once a batch has had to drop some, they go out at most
 * one per `floodIntervalMs`, until one drops none.
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
  const settings = {...outboxDefaults, ...withoutUndefined(options)};
  const {maxLogs, maxPoints, maxTextLength} = settings;
  let intervalMs = settings.intervalMs;
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
  // Past the cap a batch's points are thinned evenly, not cut to the newest: on the chart a batch then
  // stands for its whole interval, not for its last milliseconds (a flood's chart was four narrow
  // stripes a second). One point in `pointStride` is taken.
  let pointStride = 1;
  let pointsSeen = 0;
  const halvePoints = () => {
    // The points taken at every second step: pointsSeen's multiples of the doubled stride.
    const kept = points.filter((_, index) => index % 2 === 0);
    droppedPoints += points.length - kept.length;
    points = kept;
    pointStride *= 2;
  };

  const flush = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    lastFlush = options.clock();
    if (logs.length > maxLogs) trimLogs();
    while (points.length > maxPoints) halvePoints();
    pointStride = 1;
    pointsSeen = 0;
    const batch: WorkerEvent[] = [...logs, ...points];
    if (fault) batch.push(fault);
    const flooding = droppedLogs > 0 || droppedPoints > 0;
    if (flooding) batch.push({type: 'dropped', logs: droppedLogs, points: droppedPoints});
    intervalMs = flooding ? settings.floodIntervalMs : settings.intervalMs;
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
        if (pointsSeen++ % pointStride === 0) {
          points.push(event);
          if (points.length >= 2 * maxPoints) halvePoints();
        } else droppedPoints++;
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
