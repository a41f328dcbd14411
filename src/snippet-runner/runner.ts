import {
  type BorrowedCompiler,
  borrowPageCompiler,
  type CompiledFiles,
  type CompilerWorkerLike,
  SnippetCompiler,
} from './compiler';
import type {ExpectedRun, PageMessage, RunRequest, WorkerEvent, WorkerMessage} from './protocol';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'stopped' | 'timed-out';

/** The part of `Worker` the runner uses, so tests can hand it a stand-in. */
export interface WorkerLike {
  postMessage(message: PageMessage): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface RunnerOptions {
  /** Every run is killed after this long; a snippet may loop forever. */
  timeLimitMs: number;
  onEvent(event: WorkerEvent): void;
  onStatus(status: RunStatus): void;
  createWorker?: () => WorkerLike;
  /** A compiler of this runner's own (tests); without it, the runner borrows the page's (borrowPageCompiler). */
  createCompiler?: () => CompilerWorkerLike;
}

/** A run as the page asks for it: the reader's files as TypeScript source, by name. */
export type RunOrder = Omit<RunRequest, 'type' | 'code'> & {files: Record<string, string>};

export const defaultTimeLimitMs = 60_000;

type Problem = Pick<Extract<WorkerEvent, {type: 'error'}>, 'message' | 'file' | 'line' | 'column'>;

const spareWorkers = 2;

function createSnippetWorker(): WorkerLike {
  // The name is also the bundle's name for the worker's chunk, which src/plugins/snippet-worker-chunk.ts keeps whole.
  return new Worker(new URL('./worker.ts', import.meta.url), {type: 'module', name: 'beamline-snippet'});
}

/**
 * Runs snippets one at a time, each in a fresh Web Worker. Stopping is
 * `terminate()`, which ends the worker's thread whatever it is doing — a busy
 * loop included — so Stop and the time limit always work.
 *
 * The next runs' workers are started ahead of time (`prepare`, and again once
 * each run has shown its first events), so a Run does not wait for a worker
 * to load its code.
 * Two wait, and a run takes the older: a worker's start-up (its script,
 * protobuf, warming Connect) takes longer than a short run on a busy
 * machine, so with one a Run that came soon after the last found it still
 * starting and waited for it (traced at load 5: 100-250 ms).
 *
 * The TypeScript is compiled by one long-lived compiler (SnippetCompiler),
 * which keeps its results by source: a spare starts at each Run, and on two
 * cores its start-up shares the machine with the next Run, so it must not
 * load and warm a compiler of its own. The page's playgrounds share that
 * compiler.
 */
export class SnippetRunner {
  private worker: WorkerLike | null = null;
  private readonly spares: WorkerLike[] = [];
  /** The last run's code: what a new spare links while it waits, as the next Run most often brings it again. */
  private expected: ExpectedRun | null = null;
  private likelyAsked = false;
  /** The run in progress took a spare, to be replaced once the run has shown something (refillSoon). */
  private refillWanted = false;
  private refill: ReturnType<typeof setTimeout> | null = null;
  /** The dial's last move during the current run. */
  private faultChange: {spec: string | null} | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private startedAt = 0;
  private readonly createWorker: () => WorkerLike;
  private readonly borrowed: BorrowedCompiler;

  constructor(private readonly options: RunnerOptions) {
    this.createWorker = options.createWorker ?? createSnippetWorker;
    const own = options.createCompiler && new SnippetCompiler(options.createCompiler);
    this.borrowed = own ? {compiler: own, release: () => own.dispose()} : borrowPageCompiler();
  }

  private get compiler(): SnippetCompiler {
    return this.borrowed.compiler;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Starts the next runs' workers now, so they begin without the wait. Before
   * any run, `likely` (the files the reader sees) is compiled and is what
   * they link: the first Run most often brings them unchanged.
   */
  prepare(likely?: Pick<RunOrder, 'files' | 'entry'>): void {
    this.compiler.start();
    if (likely && !this.likelyAsked) {
      this.likelyAsked = true;
      this.compiler.compile(likely.files).then(
        (compiled) => {
          const code = codeOf(compiled);
          if (this.expected || !code) return;
          this.expected = {type: 'expect', code, entry: likely.entry};
          for (const spare of this.spares) spare.postMessage(this.expected);
        },
        // The Run will compile them again and report why it cannot.
        () => undefined,
      );
    }
    while (this.spares.length < spareWorkers) {
      const spare = this.createWorker();
      if (this.expected) spare.postMessage(this.expected);
      this.spares.push(spare);
    }
  }

  run(order: RunOrder): void {
    this.end('stopped');
    const worker = this.spares.shift() ?? this.createWorker();
    this.worker = worker;
    this.faultChange = null;
    this.startedAt = performance.now();
    worker.onmessage = ({data}) => {
      if (this.worker === worker) this.refillSoon();
      for (const event of data) {
        if (this.worker !== worker) return;
        this.options.onEvent(event);
        if (event.type === 'done') this.end('done');
        if (event.type === 'error') this.end('failed');
      }
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      event.preventDefault();
      this.fail({message: event.message || 'The snippet worker failed to start'}, 0);
    };
    this.timer = setTimeout(() => {
      const seconds = this.options.timeLimitMs / 1000;
      this.fail({message: `Stopped: the run passed its ${seconds} s time limit`}, this.elapsed(), 'timed-out');
    }, this.options.timeLimitMs);
    this.options.onStatus('running');
    const {files, ...rest} = order;
    const start = (compiled: CompiledFiles) => {
      if (this.worker !== worker) return;
      for (const [file, result] of Object.entries(compiled)) {
        if (result.ok) continue;
        const {ok, ...problem} = result;
        this.fail({...problem, file}, this.elapsed());
        return;
      }
      const code = codeOf(compiled)!;
      // The dial may have moved while the files compiled, when there was no worker to tell.
      const fault = this.faultChange ? (this.faultChange.spec ?? undefined) : rest.fault;
      worker.postMessage({type: 'run', ...rest, fault, code});
      this.expected = {type: 'expect', code, entry: order.entry};
    };
    // Compiled before (the same snippet again, or compiled while the reader paused): posted in this task.
    const cached = this.compiler.cached(files);
    if (cached) start(cached);
    else
      this.compiler.compile(files).then(start, (error: Error) => {
        if (this.worker === worker) this.fail({message: error.message}, this.elapsed());
      });
    this.refillWanted = true;
  }

  stop(): void {
    this.end('stopped');
  }

  /** Ends the run in progress and the spare workers, and gives the compiler back: the playground is going away. */
  dispose(): void {
    this.end('stopped');
    if (this.refill) clearTimeout(this.refill);
    this.refill = null;
    for (const spare of this.spares.splice(0)) spare.terminate();
    this.borrowed.release();
  }

  /** Changes the running snippet's faults from its next call on. */
  setFault(spec: string | null): void {
    if (this.worker) this.faultChange = {spec};
    this.worker?.postMessage({type: 'fault', spec});
  }

  /**
   * Starts the spare that replaces the one a run took, once the run's first
   * events have come (or it ended), in a task of its own after theirs. Started
   * with the Run, its start-up (~30 ms of CPU: its script, protobuf, warming
   * Connect) shared the two cores with the run on its way to its first point;
   * the next Run takes the other spare, which has long been ready.
   */
  private refillSoon(): void {
    if (!this.refillWanted) return;
    this.refillWanted = false;
    this.refill = setTimeout(() => {
      this.refill = null;
      this.prepare();
    }, 0);
  }

  /** Reports what went wrong (where, for a syntax error) and ends the run. */
  private fail(problem: Problem, t: number, status: 'failed' | 'timed-out' = 'failed'): void {
    this.options.onEvent({type: 'error', ...problem, t});
    this.end(status);
  }

  private elapsed(): number {
    return Math.round((performance.now() - this.startedAt) * 10) / 10;
  }

  private end(status: Exclude<RunStatus, 'idle' | 'running'>): void {
    if (!this.worker) return;
    this.refillSoon();
    this.worker.terminate();
    this.worker = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.options.onStatus(status);
  }
}

/** Each file's JavaScript, or undefined if any failed to compile. */
function codeOf(compiled: CompiledFiles): Record<string, string> | undefined {
  const code: Record<string, string> = {};
  for (const [file, result] of Object.entries(compiled)) {
    if (!result.ok) return undefined;
    code[file] = result.code;
  }
  return code;
}
