import {useEffect, useState} from 'react';
import {FACILITATOR_KEY_HEADER, type RoomAggregate, type RoomState, roomPaths} from '@site/src/contract/room';

export interface DashboardFeed {
  state?: RoomState;
  aggregate?: RoomAggregate;
  /** Why the server refused, or that the stream dropped (it reconnects by itself). */
  problem?: string;
}

/**
 * The room's dashboard stream (SSE) read with fetch rather than EventSource:
 * the key travels in a header, not the URL, and a refusal's status and
 * message reach the page ("needs the facilitator key", "wrong key").
 */
export function useDashboardFeed(room: string, key: string): DashboardFeed {
  const [feed, setFeed] = useState<DashboardFeed>({});
  useEffect(() => {
    const stop = new AbortController();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      try {
        const response = await fetch(roomPaths.dashboard(room), {
          headers: {[FACILITATOR_KEY_HEADER]: key},
          signal: stop.signal,
          cache: 'no-store',
        });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => ({}))) as {error?: string};
          setFeed({problem: body.error ?? `the server answered ${response.status}`});
          // A wrong key stays wrong; anything else may pass on a later try.
          if (response.status === 401 || response.status === 403) return;
        } else {
          setFeed((previous) => ({...previous, problem: undefined}));
          await readEvents(response.body, (event, data) =>
            setFeed((previous) =>
              event === 'scenario'
                ? {...previous, state: data as RoomState}
                : event === 'aggregate'
                  ? {...previous, aggregate: data as RoomAggregate}
                  : previous,
            ),
          );
          setFeed((previous) => ({...previous, problem: 'the live stream ended; reconnecting…'}));
        }
      } catch {
        if (stop.signal.aborted) return;
        setFeed((previous) => ({...previous, problem: 'the server cannot be reached; reconnecting…'}));
      }
      retryTimer = setTimeout(() => void connect(), 2000);
    };
    setFeed({});
    void connect();
    return () => {
      stop.abort();
      clearTimeout(retryTimer);
    };
  }, [room, key]);
  return feed;
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: string, data: unknown) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, {stream: true});
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) onEvent(event, JSON.parse(data));
      end = buffered.indexOf('\n\n');
    }
  }
}
