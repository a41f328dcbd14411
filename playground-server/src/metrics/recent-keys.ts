import {boundedKey} from '../limits/bounded-key.js';
/**
 * Counts the distinct keys seen within the last `windowMs`: "how many
 * playground sessions are running now", where a session is alive while it
 * keeps calling. Memory is bounded by `maxKeys`: past it the least recently
 * seen key is forgotten, and a long key is kept as its digest, so a flood
 * of made-up session ids cannot grow it.
 */
export class RecentKeys {
  /** key -> last seen, in least-recently-seen order (Map keeps insertion order). */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  touch(anyKey: string, nowMs: number): void {
    const key = boundedKey(anyKey);
    this.seen.delete(key);
    this.seen.set(key, nowMs);
    if (this.seen.size > this.maxKeys) {
      this.seen.delete(this.seen.keys().next().value!);
    }
  }

  count(nowMs: number): number {
    for (const [key, lastSeen] of this.seen) {
      if (nowMs - lastSeen < this.windowMs) {
        break; // the rest were seen later still
      }
      this.seen.delete(key);
    }
    return this.seen.size;
  }
}
