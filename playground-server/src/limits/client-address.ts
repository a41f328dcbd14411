import {createContextKey} from '@connectrpc/connect';
import type {NodeRequest} from '../http-types.js';

/** The calling client's address, as the RPC handlers and interceptors see it. */
export const clientAddressKey = createContextKey<string | undefined>(undefined, {
  description: 'client address',
});

/**
 * Who is calling, for the per-client rate limit. Behind a reverse proxy
 * every request comes from the proxy, so with `trustProxy` the client is the
 * LAST address in X-Forwarded-For: the one the (single, trusted) proxy
 * appended. Earlier entries are whatever the client sent, so keying on the
 * first would let any client pick a fresh address per request and escape its
 * limit. Only turn this on behind a proxy that appends the header.
 */
export function clientAddress(req: NodeRequest, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    const appendedByProxy = entries.at(-1)?.trim();
    if (appendedByProxy) {
      return normalize(appendedByProxy);
    }
  }
  const address = req.socket?.remoteAddress;
  return address === undefined ? undefined : normalize(address);
}

/** An IPv4 client on a dual-stack socket shows as ::ffff:1.2.3.4; it is the same client as 1.2.3.4. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
