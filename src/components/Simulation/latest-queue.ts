/**
 * The scheduling rule of a worker that computes one request at a time: while
 * it is busy, only the newest request of each kind waits — a slider dragged
 * across ten values costs two computations, not ten.
 */
export class LatestPerKind<Request extends {kind: string}> {
  private busy = false;
  private readonly waiting = new Map<Request['kind'], Request>();

  get computing(): boolean {
    return this.busy;
  }

  /** The request to start now, or undefined when it waits (replacing an older one of its kind). */
  submit(request: Request): Request | undefined {
    if (this.busy) {
      this.waiting.set(request.kind, request);
      return undefined;
    }
    this.busy = true;
    return request;
  }

  /** The worker answered: the next request to start, oldest kind first, or undefined when idle. */
  settle(): Request | undefined {
    const [next] = this.waiting.values();
    if (!next) {
      this.busy = false;
      return undefined;
    }
    this.waiting.delete(next.kind);
    return next;
  }
}
