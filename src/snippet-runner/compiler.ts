import type {CompileReply, CompileRequest} from './protocol';
import type {TranspileResult} from './transpile';

/** The part of `Worker` the compiler uses, so tests can hand it a stand-in. */
export interface CompilerWorkerLike {
  postMessage(message: CompileRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<CompileReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type CompiledFiles = Record<string, TranspileResult>;

// Enough for every tab of a few playgrounds and their recent edits; a source is a few KB.
const keptResults = 200;

function createCompilerWorker(): CompilerWorkerLike {
  return new Worker(new URL('./compiler-worker.ts', import.meta.url), {type: 'module', name: 'beamline-compiler'});
}

/**
 * Turns a snippet's TypeScript files into JavaScript in one long-lived
 * worker (compiler-worker.ts) and keeps the results by source, so a Run of
 * files compiled before — the same snippet again, or one compiled while the
 * reader paused — posts its code to the run's worker at once, and the run's
 * fresh worker never loads a compiler.
 */
export class SnippetCompiler {
  private readonly results = new Map<string, TranspileResult>();
  private readonly inFlight = new Map<string, Promise<TranspileResult>>();
  private readonly waiting = new Map<number, {resolve(results: TranspileResult[]): void; reject(error: Error): void}>();
  private worker: CompilerWorkerLike | null = null;
  private nextId = 0;

  constructor(private readonly createWorker: () => CompilerWorkerLike = createCompilerWorker) {}

  /** Every file's result, if each source was compiled before; otherwise undefined (see `compile`). */
  cached(files: Record<string, string>): CompiledFiles | undefined {
    const compiled: CompiledFiles = {};
    for (const [file, source] of Object.entries(files)) {
      const result = this.results.get(source);
      if (!result) return undefined;
      // Used again: the newest, so the last to be forgotten.
      this.results.delete(source);
      this.results.set(source, result);
      compiled[file] = result;
    }
    return compiled;
  }

  compile(files: Record<string, string>): Promise<CompiledFiles> {
    const missing = [...new Set(Object.values(files))].filter(
      (source) => !this.results.has(source) && !this.inFlight.has(source),
    );
    if (missing.length) this.request(missing);
    const entries = Object.entries(files).map(async ([file, source]) => {
      const result = this.results.get(source) ?? (await this.inFlight.get(source)!);
      return [file, result] as const;
    });
    return Promise.all(entries).then(Object.fromEntries);
  }

  /** Warms the compiler (starts its worker) ahead of the first compile. */
  start(): void {
    this.worker ??= this.startWorker();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private request(sources: string[]): void {
    const id = this.nextId++;
    const reply = new Promise<TranspileResult[]>((resolve, reject) => this.waiting.set(id, {resolve, reject}));
    sources.forEach((source, index) => {
      const result = reply.then((results) => results[index]!);
      this.inFlight.set(source, result);
      result.then(
        (done) => this.keep(source, done),
        () => this.inFlight.delete(source),
      );
    });
    this.start();
    this.worker!.postMessage({type: 'compile', id, sources});
  }

  private keep(source: string, result: TranspileResult): void {
    this.inFlight.delete(source);
    this.results.set(source, result);
    if (this.results.size > keptResults) this.results.delete(this.results.keys().next().value!);
  }

  private startWorker(): CompilerWorkerLike {
    const worker = this.createWorker();
    worker.onmessage = ({data}) => {
      this.waiting.get(data.id)?.resolve(data.results);
      this.waiting.delete(data.id);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // The next compile starts a new worker; the ones waiting on this one fail with its reason.
      worker.terminate();
      if (this.worker === worker) this.worker = null;
      const error = new Error(event.message || 'The snippet compiler failed to start');
      for (const {reject} of this.waiting.values()) reject(error);
      this.waiting.clear();
    };
    return worker;
  }
}

/** What a runner holds of the page's compiler: it and a way to give it back. */
export interface BorrowedCompiler {
  readonly compiler: SnippetCompiler;
  /** Gives it back (once; again does nothing); the last playground to give it back ends its worker. */
  release(): void;
}

let pageCompiler: {compiler: SnippetCompiler; borrowers: number} | null = null;

/**
 * The page's one compiler, shared by its playgrounds' runners: a guide page
 * holds up to three playgrounds, and one worker with one set of kept results
 * serves them all (a Run in one playground of code another compiled is posted
 * at once). `createWorker` is used only when no playground holds it yet.
 */
export function borrowPageCompiler(createWorker?: () => CompilerWorkerLike): BorrowedCompiler {
  pageCompiler ??= {compiler: new SnippetCompiler(createWorker), borrowers: 0};
  const held = pageCompiler;
  held.borrowers++;
  let released = false;
  return {
    compiler: held.compiler,
    release() {
      if (released) return;
      released = true;
      if (--held.borrowers > 0) return;
      held.compiler.dispose();
      if (pageCompiler === held) pageCompiler = null;
    },
  };
}
