/**
 * Messages between the page and a snippet's Web Worker. The worker owns the
 * user's code and no DOM; the page owns the DOM and no user code, so this is
 * the only surface the two share.
 */

import type {ChartPoint} from '../contract';
import type {TranspileResult} from './transpile';

export type {ChartPoint};

export type LogLevel = 'log' | 'info' | 'warn' | 'error';

export interface RunRequest {
  type: 'run';
  /** The snippet's files as JavaScript (the page compiled their TypeScript), by name (`main.ts`, `token-bucket.ts`). */
  code: Record<string, string>;
  /** The file to run; the others are modules it imports. */
  entry: string;
  /** Origin of the playground-server, e.g. `http://localhost:3000`. */
  apiBaseUrl: string;
  /** Identifies this reader's page, for server-side faults such as rate limits. */
  session: string;
  /** The workshop room the reader is in, sent with every call; absent: the default room. */
  room?: string;
  /**
   * The fault dial's spec (`x-beamline-fault`) when the run starts. Precedence
   * during a run: the latest of this, a dial move (`FaultChange`) and the
   * snippet's own `fault()` is what the next call carries.
   */
  fault?: string;
}

/** The fault panel moved while a run is in progress: applies from the next call on. */
export interface FaultChange {
  type: 'fault';
  spec: string | null;
}

/**
 * The files the next run will most likely bring (the last run's): a spare
 * worker links them while it waits, and a Run that brings the same code
 * starts with its modules ready.
 */
export interface ExpectedRun {
  type: 'expect';
  code: RunRequest['code'];
  entry: string;
}

export type PageMessage = RunRequest | FaultChange | ExpectedRun;

/** To the page's compiler worker: TypeScript sources to turn into JavaScript. */
export interface CompileRequest {
  type: 'compile';
  id: number;
  sources: string[];
}

/** The compiler's answer to the request with the same id: one result per source, in order. */
export interface CompileReply {
  id: number;
  results: TranspileResult[];
}

export type WorkerEvent =
  | {type: 'log'; level: LogLevel; text: string; t: number}
  | {type: 'point'; point: ChartPoint}
  /** How many log lines and points the worker left out of a batch because the snippet sent too many. */
  | {type: 'dropped'; logs: number; points: number}
  /** `unanswered`: a call of the run got no answer at all (refused, reset), so the server may be gone. */
  | {type: 'done'; t: number; unanswered?: true}
  /** The x-beamline-fault the snippet's calls now carry (null: none), whoever set it: the run, the dial or fault(). */
  | {type: 'fault'; spec: string | null; t: number}
  | {type: 'error'; message: string; file?: string; line?: number; column?: number; t: number; unanswered?: true};

/** What the worker posts: events in batches, so a flooding snippet costs the page one message per batch. */
export type WorkerMessage = WorkerEvent[];
