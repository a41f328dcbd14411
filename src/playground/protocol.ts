/**
 * Messages between the page and a snippet's Web Worker. The worker owns the
 * user's code and no DOM; the page owns the DOM and no user code, so this is
 * the only surface the two share.
 */

/** A point the snippet adds to the live chart (see `chart.point`). */
export interface ChartPoint {
  /** Milliseconds since the run started; filled in by the runtime when omitted. */
  t: number;
  /** Which attempt this is, 1 for the first call. */
  attempt?: number;
  /** How long the snippet slept before this attempt, in ms. */
  delayMs?: number;
  /** `ok`, or the status code name the call ended with (e.g. `unavailable`). */
  outcome: string;
  /** How long the call itself took, in ms. */
  latencyMs?: number;
  /** Free-form series name, for snippets that chart more than one thing. */
  series?: string;
  /** Any other numeric value the snippet wants on the chart. */
  value?: number;
}

export type LogLevel = 'log' | 'info' | 'warn' | 'error';

export interface RunRequest {
  type: 'run';
  /** The snippet's files, as TypeScript source, by name (`main.ts`, `token-bucket.ts`). */
  files: Record<string, string>;
  /** The file to run; the others are modules it imports. */
  entry: string;
  /** Origin of the playground-server, e.g. `http://localhost:3000`. */
  apiBaseUrl: string;
  /** Identifies this reader's page, for server-side faults such as rate limits. */
  session: string;
  /** The fault panel's spec (`x-beamline-fault`) when the run starts; the snippet's `fault()` overrides it. */
  fault?: string;
}

/** The fault panel moved while a run is in progress: applies from the next call on. */
export interface FaultChange {
  type: 'fault';
  spec: string | null;
}

export type PageMessage = RunRequest | FaultChange;

export type WorkerEvent =
  | {type: 'log'; level: LogLevel; text: string; t: number}
  | {type: 'point'; point: ChartPoint}
  | {type: 'done'; t: number}
  | {type: 'error'; message: string; file?: string; line?: number; column?: number; t: number};
