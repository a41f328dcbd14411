import {useCallback, useRef, useState} from 'react';
import {unreachableServerHint} from '@site/src/components/unreachable-server';
import {allowsBody} from './http-text';

export interface HttpRequestSpec {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: string;
  repeat: number;
}

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

const maxBodyChars = 64 * 1024;

/**
 * One request at a time from the page to the playground-server, timed, with
 * a body that may stream (SSE) and a cancel that always works.
 */
export function useHttpExchange() {
  const [phase, setPhase] = useState<Phase>('idle');
  const [result, setResult] = useState<HttpResult>();
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<string>();
  const controller = useRef<AbortController>(null);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const send = useCallback(async (spec: HttpRequestSpec) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setPhase('sending');
    setError(undefined);
    setProgress(undefined);
    const statuses: number[] = [];
    const started = performance.now();
    let current: HttpResult | undefined;
    try {
      for (let index = 0; index < spec.repeat; index++) {
        if (spec.repeat > 1) setProgress(`request ${index + 1} of ${spec.repeat}`);
        const sentAt = performance.now();
        const response = await fetch(spec.path, {
          method: spec.method,
          headers: spec.headers,
          body: allowsBody(spec.method) && spec.body ? spec.body : undefined,
          signal: abort.signal,
          cache: 'no-store',
        });
        statuses.push(response.status);
        current = {
          status: response.status,
          statusText: response.statusText,
          headers: [...response.headers.entries()],
          contentType: response.headers.get('content-type'),
          body: '',
          bytes: 0,
          headersMs: performance.now() - sentAt,
          totalMs: performance.now() - sentAt,
          statuses: [...statuses],
          truncated: false,
        };
        const streaming = current.contentType?.includes('text/event-stream') ?? false;
        if (streaming) setPhase('streaming');
        setResult(current);
        if (response.body) {
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          for (;;) {
            const {done, value} = await reader.read();
            if (done) break;
            const text = decoder.decode(value, {stream: true});
            const body: string = current.body + text;
            current = {
              ...current,
              bytes: current.bytes + value.byteLength,
              body: body.length > maxBodyChars ? body.slice(body.length - maxBodyChars) : body,
              truncated: current.truncated || body.length > maxBodyChars,
              totalMs: performance.now() - sentAt,
            };
            if (streaming) setResult(current);
          }
        }
        current = {...current, totalMs: performance.now() - sentAt};
        setResult(current);
      }
      setPhase('done');
    } catch (caught) {
      if (abort.signal.aborted) {
        setPhase('cancelled');
        setError(`Cancelled after ${Math.round(performance.now() - started)} ms.`);
      } else {
        setPhase('failed');
        setError(
          `The request did not reach the playground-server (${String(caught)}). ` +
            unreachableServerHint(window.location.hostname),
        );
      }
    } finally {
      setProgress(undefined);
      if (controller.current === abort) controller.current = null;
    }
  }, []);

  return {phase, result, error, progress, send, cancel, busy: phase === 'sending' || phase === 'streaming'};
}
