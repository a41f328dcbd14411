import {useCallback, useReducer, useRef} from 'react';
import {explainFailure} from '../requests/failures';
import {exchangeReducer, idleExchange, isBusy, summarize, type HttpResult} from './exchange-state';
import {allowsBody} from './http-text';

export interface HttpRequestSpec {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: string;
  repeat: number;
}

const maxBodyChars = 64 * 1024;

/**
 * One request at a time from the page to the playground-server, timed, with
 * a body that may stream (SSE) and a cancel that always works.
 */
export function useHttpExchange() {
  const [state, dispatch] = useReducer(exchangeReducer, idleExchange);
  const controller = useRef<AbortController>(null);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const send = useCallback(async (spec: HttpRequestSpec) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    dispatch({type: 'start'});
    const statuses: number[] = [];
    const started = performance.now();
    try {
      for (let index = 0; index < spec.repeat; index++) {
        if (spec.repeat > 1) dispatch({type: 'progress', progress: `request ${index + 1} of ${spec.repeat}`});
        const sentAt = performance.now();
        const response = await fetch(spec.path, {
          method: spec.method,
          headers: spec.headers,
          body: allowsBody(spec.method) && spec.body ? spec.body : undefined,
          signal: abort.signal,
          cache: 'no-store',
        });
        statuses.push(response.status);
        let current: HttpResult = {
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
        dispatch({type: 'response', result: current, streaming});
        if (response.body) {
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          for (;;) {
            const {done, value} = await reader.read();
            if (done) break;
            const body: string = current.body + decoder.decode(value, {stream: true});
            current = {
              ...current,
              bytes: current.bytes + value.byteLength,
              body: body.length > maxBodyChars ? body.slice(body.length - maxBodyChars) : body,
              truncated: current.truncated || body.length > maxBodyChars,
              totalMs: performance.now() - sentAt,
            };
            if (streaming) dispatch({type: 'response', result: current, streaming});
          }
        }
        dispatch({type: 'response', result: {...current, totalMs: performance.now() - sentAt}, streaming});
      }
      dispatch({type: 'done'});
    } catch (caught) {
      if (abort.signal.aborted) {
        dispatch({type: 'cancelled', afterMs: performance.now() - started});
      } else {
        const explained = explainFailure(caught, window.location.origin);
        const answered = statuses.length ? ` (${statuses.length} answered before it: ${summarize(statuses)})` : '';
        dispatch({
          type: 'failed',
          message:
            spec.repeat > 1 ? `Request ${statuses.length + 1} of ${spec.repeat}${answered}: ${explained}` : explained,
        });
      }
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }, []);

  return {...state, send, cancel, busy: isBusy(state.phase)};
}
