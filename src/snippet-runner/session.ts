/**
 * The reader's one identity: a random id per browser tab, kept in
 * sessionStorage so a reload keeps it and a new tab gets its own. The
 * playground sends it as `x-beamline-session` (server-side limits, fault
 * state and room membership key on it) and every console, preset and
 * snippet in the page uses the tenant derived from it, so a room of readers
 * never shares a rate-limit window or a policy.
 *
 * Built on `crypto.getRandomValues`, not `crypto.randomUUID`: the guide is
 * opened over plain http on a LAN address in workshops, which is not a
 * secure context, and `randomUUID` exists only in secure contexts.
 */

const storageKey = 'beamline-reader-id';
const idBytes = 8;

let inMemory: string | undefined;

/** 16 hex digits from the platform's random source (available in insecure contexts). */
export function newReaderId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(idBytes));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** This tab's reader id; the same on every call in a tab, even when storage is blocked. */
export function readerSession(): string {
  try {
    const existing = sessionStorage.getItem(storageKey);
    if (existing) return existing;
    const created = inMemory ?? newReaderId();
    sessionStorage.setItem(storageKey, created);
    return created;
  } catch {
    inMemory ??= newReaderId();
    return inMemory;
  }
}

/** The tenant a reader's id owns. */
export function tenantFor(session: string): string {
  return `reader-${session}`;
}

/** This tab's tenant, for consoles and presets on the page. */
export function readerTenant(): string {
  return tenantFor(readerSession());
}
