import {callerLeft, type NodeRequest, type NodeResponse} from '../http-types.js';

/** A subscriber that lets this much pile up unread is dropped instead of growing the server's memory. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface MessageStreamsOptions {
  /** A `: keep-alive` comment this often stops proxies from closing an idle stream. */
  readonly keepAliveMs: number;
  /** Open streams at once; the next subscriber is told `:pool_full` and closed, as by c-gateway. */
  readonly maxStreams: number;
  /** Open streams one client (address) may hold, so one client cannot take the whole pool. */
  readonly maxStreamsPerClient: number;
  /** Told whenever the number of open streams changes (metrics). */
  readonly onCount?: (open: number) => void;
}

interface Subscriber {
  readonly tenantId: string;
  readonly client: string;
  readonly res: NodeResponse;
}

/**
 * The server side of `GET /api/v1/messages/stream?tenant_id=…`: Server-Sent
 * Events per tenant. c-gateway's format: `: connected` on open, then
 * `event: <name>` and `data: <json>` lines per message, to every open
 * stream of that tenant and no other.
 */
export class MessageStreams {
  private readonly subscribers = new Set<Subscriber>();
  private readonly perClient = new Map<string, number>();
  private readonly keepAlive: NodeJS.Timeout;

  constructor(private readonly options: MessageStreamsOptions) {
    this.keepAlive = setInterval(() => {
      for (const subscriber of this.subscribers) {
        this.write(subscriber, ': keep-alive\n\n');
      }
    }, options.keepAliveMs);
    // Open streams, not this timer, decide whether the process keeps running.
    this.keepAlive.unref();
  }

  /** Whether `client` may open one more stream (it holds fewer than its share of the pool). */
  admits(client: string): boolean {
    return (this.perClient.get(client) ?? 0) < this.options.maxStreamsPerClient;
  }

  /**
   * Starts the event stream on `res`; it stays open until the client leaves
   * or close(). Ask admits() first: this does not refuse a client over its share.
   */
  subscribe(tenantId: string, client: string, req: NodeRequest, res: NodeResponse): void {
    const headers: Record<string, string> = {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      // Tells nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    };
    if (req.httpVersionMajor === 1) {
      // Connection-specific headers are forbidden in HTTP/2.
      headers.Connection = 'keep-alive';
    }
    res.writeHead(200, headers);
    if (this.subscribers.size >= this.options.maxStreams) {
      res.end(':pool_full\n\n');
      return;
    }
    const subscriber: Subscriber = {tenantId, client, res};
    this.subscribers.add(subscriber);
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    this.options.onCount?.(this.subscribers.size);
    res.once('close', () => this.remove(subscriber));
    // The first bytes flush the headers through any proxy on the way.
    this.write(subscriber, ': connected\n\n');
  }

  /** Sends one event to the tenant's open streams; returns how many got it. */
  publish(tenantId: string, event: string, data: unknown): number {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    let delivered = 0;
    for (const subscriber of this.subscribers) {
      if (subscriber.tenantId === tenantId && this.write(subscriber, frame)) {
        delivered += 1;
      }
    }
    return delivered;
  }

  get open(): number {
    return this.subscribers.size;
  }

  /** Ends every stream (server shutdown): EventSource clients reconnect elsewhere. */
  close(): void {
    clearInterval(this.keepAlive);
    for (const subscriber of this.subscribers) {
      subscriber.res.end();
    }
    this.subscribers.clear();
    this.perClient.clear();
    this.options.onCount?.(0);
  }

  private write(subscriber: Subscriber, text: string): boolean {
    const {res} = subscriber;
    if (res.writableEnded || callerLeft(res)) {
      this.remove(subscriber);
      return false;
    }
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      this.remove(subscriber);
      return false;
    }
    res.write(text);
    return true;
  }

  private remove(subscriber: Subscriber): void {
    if (this.subscribers.delete(subscriber)) {
      const left = (this.perClient.get(subscriber.client) ?? 1) - 1;
      if (left === 0) this.perClient.delete(subscriber.client);
      else this.perClient.set(subscriber.client, left);
      this.options.onCount?.(this.subscribers.size);
    }
  }
}
