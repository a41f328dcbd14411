import {useSyncExternalStore} from 'react';
import {DEFAULT_ROOM, type RoomState, roomCode, roomPaths} from '@site/src/contract/room';
import {readerSession} from '@site/src/snippet-runner/session';

const storageKey = 'beamline-room';

/**
 * The workshop room this tab is in: `?room=abc` in the address joins it and
 * is remembered for the tab (links inside the site drop the query), `?room=main`
 * goes back to the default room.
 */
export function currentRoom(): string {
  if (typeof window === 'undefined') return DEFAULT_ROOM;
  const asked = roomCode(new URLSearchParams(window.location.search).get('room'));
  try {
    if (asked) sessionStorage.setItem(storageKey, asked);
    return roomCode(sessionStorage.getItem(storageKey)) ?? DEFAULT_ROOM;
  } catch {
    return asked ?? DEFAULT_ROOM;
  }
}

/*
 * One stream per page however many banners it shows: a guide page can hold
 * several playgrounds, and a browser allows only six HTTP/1.1 connections
 * per host.
 */
let source: EventSource | undefined;
let state: RoomState | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!source) {
    const room = currentRoom();
    source = new EventSource(`${roomPaths.events(room)}?session=${encodeURIComponent(readerSession())}`);
    source.addEventListener('scenario', (event) => {
      state = JSON.parse((event as MessageEvent<string>).data) as RoomState;
      for (const notify of listeners) notify();
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      source?.close();
      source = undefined;
    }
  };
}

/** The room's scenario, live; undefined until the server has said. */
export function useRoomState(): RoomState | undefined {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => undefined,
  );
}
