import type * as http2 from 'node:http2';
import {Http2SessionManager} from '@connectrpc/connect-node';

const guarded = new WeakSet<http2.ClientHttp2Session>();

/**
 * connect-node's keep-alive timer can fire just after the session was
 * destroyed, and `ClientHttp2Session.ping()` then throws synchronously out of
 * the timer — an uncaught exception (connect-es issue #1795, fix pending in
 * PR #1797). A dead session needs no ping: this makes `ping` on a closed or
 * destroyed session a no-op for every session the manager hands out.
 */
export function guardPing(session: http2.ClientHttp2Session): void {
  if (guarded.has(session)) return;
  guarded.add(session);
  const ping = session.ping.bind(session) as (...args: unknown[]) => boolean;
  Object.defineProperty(session, 'ping', {
    configurable: true,
    value: (...args: unknown[]) => (session.destroyed || session.closed ? false : ping(...args)),
  });
}

/**
 * The session manager the upstream transport uses. A session gets its first
 * ping only after it has carried a request, so guarding each session as its
 * first stream opens covers every ping.
 */
export class GuardedSessionManager extends Http2SessionManager {
  override async request(
    method: string,
    path: string,
    headers: http2.OutgoingHttpHeaders,
    options: Omit<http2.ClientSessionRequestOptions, 'signal'>,
  ): Promise<http2.ClientHttp2Stream> {
    const stream = await super.request(method, path, headers, options);
    guardPing(stream.session as http2.ClientHttp2Session);
    return stream;
  }
}
