import {LRUCache} from 'lru-cache';
import {DEFAULT_ROOM} from '../../../src/contract/room.js';
import {Room} from './room.js';

export interface RoomsOptions {
  /** Epoch milliseconds. */
  readonly now?: () => number;
  /** Named rooms open at once, besides the default room. */
  readonly maxRooms?: number;
  /** A named room nobody called, watched or switched for this long is forgotten. */
  readonly idleMs?: number;
  /** Participants tracked per room. */
  readonly maxMembers?: number;
}

export const DEFAULT_ROOMS_OPTIONS = {maxRooms: 50, idleMs: 30 * 60_000, maxMembers: 1000} as const;

/** A named room was asked for while `maxRooms` are open. */
export class RoomsFullError extends Error {}

/**
 * Every room on the server: the default room, which always exists, and
 * named rooms created on first use (a participant's call or banner, or the
 * facilitator). Bounded: at most `maxRooms` named rooms, each forgotten
 * after `idleMs` without use; when full, a new code is refused rather than
 * an open room evicted, so a stranger making up codes cannot end a workshop.
 */
export class Rooms {
  readonly defaultRoom: Room;
  private readonly named: LRUCache<string, Room>;
  private readonly now: () => number;
  private readonly maxRooms: number;
  private readonly maxMembers: number;

  constructor(options: RoomsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxRooms = options.maxRooms ?? DEFAULT_ROOMS_OPTIONS.maxRooms;
    this.maxMembers = options.maxMembers ?? DEFAULT_ROOMS_OPTIONS.maxMembers;
    this.defaultRoom = new Room({code: DEFAULT_ROOM, now: this.now, maxMembers: this.maxMembers});
    this.named = new LRUCache({
      max: this.maxRooms,
      ttl: options.idleMs ?? DEFAULT_ROOMS_OPTIONS.idleMs,
      updateAgeOnGet: true,
      perf: {now: this.now},
      // Read the clock on every check: lru-cache otherwise caches it for a timer's tick.
      ttlResolution: 0,
    });
  }

  /** The room with this (valid) code, created if new; throws RoomsFullError when no room can be added. */
  join(code: string): Room {
    if (code === DEFAULT_ROOM) return this.defaultRoom;
    const existing = this.named.get(code);
    if (existing) return existing;
    this.named.purgeStale();
    if (this.named.size >= this.maxRooms) {
      throw new RoomsFullError(
        `room "${code}" cannot be opened: ${this.maxRooms} rooms are open on this server; ` +
          `use one of them or wait until one has been idle for ${Math.round(this.idleMs() / 60_000)} minutes`,
      );
    }
    const room = new Room({code, now: this.now, maxMembers: this.maxMembers});
    this.named.set(code, room);
    return room;
  }

  /** Counts as use of `room`: it does not expire now. */
  keepOpen(room: Room): void {
    this.named.get(room.code);
  }

  /** Open rooms, the default one first. */
  list(): Room[] {
    this.named.purgeStale();
    return [this.defaultRoom, ...[...this.named.values()].sort((a, b) => a.code.localeCompare(b.code))];
  }

  private idleMs(): number {
    return this.named.ttl;
  }
}
