import {KeyedStore} from '../limits/keyed-store.js';

/**
 * Counts the distinct keys seen within the last `windowMs`: "how many
 * playground sessions are running now", where a session is alive while it
 * keeps calling. Kept in a KeyedStore for the window after each sighting,
 * so a flood of made-up session ids (however long) cannot grow it.
 */
export class RecentKeys {
  /** key -> when last seen. */
  private readonly seen: KeyedStore<{lastSeenMs: number}>;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
    maxKeys?: number,
  ) {
    this.seen = new KeyedStore({now, ...(maxKeys === undefined ? {} : {maxKeys})});
  }

  touch(key: string): void {
    this.seen.set(key, {lastSeenMs: this.now()}, this.windowMs);
  }

  count(): number {
    const nowMs = this.now();
    return this.seen.values().filter(({lastSeenMs}) => nowMs - lastSeenMs < this.windowMs).length;
  }
}
