import {formatBytes} from './http-text';

export interface HttpResult {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
  contentType: string | null;
  bytes: number;
  /** Time to the response headers, and to the last byte (or so far, while streaming). */
  headersMs: number;
  totalMs: number;
  /** Statuses of a repeated send, in order. */
  statuses: number[];
  truncated: boolean;
}

export type Phase = 'idle' | 'sending' | 'streaming' | 'done' | 'failed' | 'cancelled';

/** One send as the page sees it: where it is, what came back, what went wrong. */
export interface ExchangeState {
  phase: Phase;
  result?: HttpResult;
  /** Why the send ended without an answer, or how long it ran before a cancel. */
  message?: string;
  /** `request 3 of 55` during a repeated send. */
  progress?: string;
}

export type ExchangeAction =
  | {type: 'start'}
  | {type: 'progress'; progress: string}
  | {type: 'response'; result: HttpResult; streaming: boolean}
  | {type: 'done'}
  | {type: 'cancelled'; afterMs: number}
  | {type: 'failed'; message: string};

export const idleExchange: ExchangeState = {phase: 'idle'};

export function exchangeReducer(state: ExchangeState, action: ExchangeAction): ExchangeState {
  switch (action.type) {
    case 'start':
      // The previous answer goes: nothing from an earlier send may sit beside this one's outcome.
      return {phase: 'sending'};
    case 'progress':
      return {...state, progress: action.progress};
    case 'response':
      return {...state, phase: action.streaming ? 'streaming' : state.phase, result: action.result};
    case 'done':
      return {phase: 'done', result: state.result};
    case 'cancelled':
      return {phase: 'cancelled', result: state.result, message: `Cancelled after ${Math.round(action.afterMs)} ms.`};
    case 'failed':
      // A stream cut short keeps the events it delivered; a plain request that failed has nothing to show.
      return {
        phase: 'failed',
        result: state.phase === 'streaming' ? state.result : undefined,
        message: action.message,
      };
  }
}

export const isBusy = (phase: Phase) => phase === 'sending' || phase === 'streaming';

export function summarize(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} × ${status}`).join(', ');
}

/**
 * What a screen reader hears: one sentence per change of phase — never the
 * body, the headers or each event of a stream, which the reader opens on demand.
 * Failures and cancels are spoken by the message itself.
 */
export function announcement(state: ExchangeState): string {
  const {phase, result} = state;
  if (phase === 'sending') return 'Sending…';
  if (phase === 'streaming' && result)
    return `${result.status} ${result.statusText}: the event stream is open; events appear in the response body.`;
  if (phase === 'done' && result) {
    const answer = `${result.status} ${result.statusText} in ${Math.round(result.totalMs)} ms, ${formatBytes(result.bytes)}.`;
    return result.statuses.length > 1
      ? `${result.statuses.length} requests: ${summarize(result.statuses)}. The last: ${answer}`
      : answer;
  }
  return '';
}
