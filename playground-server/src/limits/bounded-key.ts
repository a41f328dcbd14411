import {createHash} from 'node:crypto';

/** Longest key a per-key store keeps as it came; a session id is at most 128 characters. */
export const MAX_KEY_LENGTH = 256;

/**
 * A store's key of bounded length. The stores cap their entries, but not
 * what each entry's key costs: 10 000 keys of 15 KB (a made-up tenant or
 * session header) are 150 MB. A longer key is kept as its SHA-256, so
 * distinct keys stay distinct and each costs the same few bytes.
 */
export function boundedKey(key: string): string {
  return key.length <= MAX_KEY_LENGTH ? key : `sha256:${createHash('sha256').update(key).digest('base64url')}`;
}
