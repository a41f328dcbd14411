import {createHash, timingSafeEqual} from 'node:crypto';
import {Code, ConnectError} from '@connectrpc/connect';

/**
 * Admin calls carry the key as `x-api-key: <key>`, `authorization: Bearer
 * <key>` or `authorization: <key>`, the forms the Router accepts.
 */
export function requireAdminKey(header: Headers, adminApiKey: string): void {
  const presented = header.get('x-api-key') ?? withoutBearer(header.get('authorization'));
  if (!presented) {
    throw new ConnectError(
      'RouterAdmin calls need the admin key in x-api-key or authorization metadata',
      Code.Unauthenticated,
    );
  }
  if (!sameSecret(presented, adminApiKey)) {
    throw new ConnectError(
      'the admin key is not valid (a server reachable from the LAN makes its own key at start and prints it: ' +
        'ask whoever runs it; playground-admin-key works only on a server listening on localhost)',
      Code.Unauthenticated,
    );
  }
}

function withoutBearer(authorization: string | null): string | null {
  return authorization?.replace(/^bearer\s+/i, '') ?? null;
}

/** Compares digests so that neither the length nor the content leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
