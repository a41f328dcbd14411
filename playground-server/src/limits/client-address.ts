import {createContextKey} from '@connectrpc/connect';
import type {NodeRequest} from '../http-types.js';

/** The calling client's address, as the RPC handlers and interceptors see it. */
export const clientAddressKey = createContextKey<string | undefined>(undefined, {
  description: 'client address',
});

/**
 * Who is calling, for the per-client rate limit. Behind a reverse proxy
 * every request comes from the proxy, so with `trustProxy` the client is
 * the first address in X-Forwarded-For instead; only turn that on behind a
 * proxy that sets the header, or any client can pick its own address.
 */
export function clientAddress(req: NodeRequest, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',', 1)[0]?.trim();
    if (first) {
      return normalize(first);
    }
  }
  const address = req.socket?.remoteAddress;
  return address === undefined ? undefined : normalize(address);
}

/** An IPv4 client on a dual-stack socket shows as ::ffff:1.2.3.4; it is the same client as 1.2.3.4. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
