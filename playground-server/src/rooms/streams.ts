import type {RoomState} from '../../../src/contract/room.js';
import {sendJson, type NodeResponse} from '../http-types.js';
import type {Room} from './room.js';
import type {Rooms} from './rooms.js';

export interface RoomStreamsOptions {
  readonly rooms: Rooms;
  /** How often dashboards get the aggregate (and banners a scenario that changed by itself). */
  readonly tickMs?: number;
  /** Open banner streams, all rooms together. */
  readonly maxBanners?: number;
  /** Open dashboard streams per room. */
  readonly maxDashboardsPerRoom?: number;
  /** A comment line this often keeps idle connections (and proxies) from timing out. */
  readonly heartbeatMs?: number;
}

export const DEFAULT_STREAM_LIMITS = {tickMs: 500, maxBanners: 2000, maxDashboardsPerRoom: 8, heartbeatMs: 15_000};

interface Subscriber {
  readonly room: Room;
  readonly res: NodeResponse;
  readonly session?: string;
  readonly dashboard: boolean;
}

/**
 * Server-Sent Events for rooms, pushed, never polled: every banner gets the
 * room's `scenario` when it changes (the facilitator's switch, or an outage
 * ending by itself), every dashboard also the `aggregate` each tick. One
 * timer for all streams, running only while any is open.
 */
export class RoomStreams {
  private readonly subscribers = new Set<Subscriber>();
  private readonly lastSent = new Map<Room, string>();
  private timer: NodeJS.Timeout | undefined;
  private lastHeartbeat = 0;
  private readonly limits: typeof DEFAULT_STREAM_LIMITS;

  constructor(private readonly options: RoomStreamsOptions) {
    this.limits = {
      tickMs: options.tickMs ?? DEFAULT_STREAM_LIMITS.tickMs,
      maxBanners: options.maxBanners ?? DEFAULT_STREAM_LIMITS.maxBanners,
      maxDashboardsPerRoom: options.maxDashboardsPerRoom ?? DEFAULT_STREAM_LIMITS.maxDashboardsPerRoom,
      heartbeatMs: options.heartbeatMs ?? DEFAULT_STREAM_LIMITS.heartbeatMs,
    };
  }

  /** Opens a stream on `res`, or answers 503 saying why when the limit is reached. */
  open(room: Room, res: NodeResponse, kind: {dashboard: boolean; session?: string}): void {
    const open = [...this.subscribers].filter(
      (s) => s.dashboard === kind.dashboard && (!kind.dashboard || s.room === room),
    );
    const limit = kind.dashboard ? this.limits.maxDashboardsPerRoom : this.limits.maxBanners;
    if (open.length >= limit) {
      sendJson(res, 503, {
        error: kind.dashboard
          ? `room "${room.code}" already has ${limit} dashboards open; close one first`
          : `${limit} room banners are open on this server; try again later`,
      });
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // A reverse proxy must pass each event on at once.
      'x-accel-buffering': 'no',
    });
    const subscriber: Subscriber = {
      room,
      res,
      dashboard: kind.dashboard,
      ...(kind.session ? {session: kind.session} : {}),
    };
    this.subscribers.add(subscriber);
    if (subscriber.session) room.touch(subscriber.session);
    res.once('close', () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stopTimer();
    });
    // EventSource reconnects after this long when the connection drops.
    res.write('retry: 2000\n\n');
    write(res, 'scenario', room.state());
    if (subscriber.dashboard) write(res, 'aggregate', room.aggregate());
    this.startTimer();
  }

  /** The facilitator switched `room`: every stream of it hears now, not at the next tick. */
  changed(room: Room): void {
    this.sendState(room, room.state(), true);
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Ends every stream (server shutdown: they never end by themselves). */
  close(): void {
    this.stopTimer();
    for (const subscriber of this.subscribers) subscriber.res.end();
    this.subscribers.clear();
  }

  private tick(): void {
    const heartbeat = Date.now() - this.lastHeartbeat >= this.limits.heartbeatMs;
    if (heartbeat) this.lastHeartbeat = Date.now();
    const rooms = new Set([...this.subscribers].map((s) => s.room));
    for (const room of rooms) {
      // An open stream keeps its room from expiring.
      this.options.rooms.keepOpen(room);
      this.sendState(room, room.state(), false);
      let aggregate: ReturnType<Room['aggregate']> | undefined;
      for (const subscriber of this.subscribers) {
        if (subscriber.room !== room) continue;
        if (subscriber.session) room.touch(subscriber.session);
        if (subscriber.dashboard) write(subscriber.res, 'aggregate', (aggregate ??= room.aggregate()));
        else if (heartbeat) subscriber.res.write(': keep-alive\n\n');
      }
    }
  }

  private sendState(room: Room, state: RoomState, always: boolean): void {
    const key = JSON.stringify(state);
    if (!always && this.lastSent.get(room) === key) return;
    this.lastSent.set(room, key);
    for (const subscriber of this.subscribers) {
      if (subscriber.room === room) write(subscriber.res, 'scenario', state);
    }
  }

  private startTimer(): void {
    this.timer ??= setInterval(() => this.tick(), this.limits.tickMs);
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.lastSent.clear();
  }
}

function write(res: NodeResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
