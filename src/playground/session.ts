/**
 * One id per browser tab, sent with every snippet call so server-side faults
 * that keep state (a rate limit) belong to this reader alone.
 */
export function playgroundSession(): string {
  const key = 'beamline-playground-session';
  try {
    const existing = sessionStorage.getItem(key);
    if (existing) return existing;
    const created = crypto.randomUUID();
    sessionStorage.setItem(key, created);
    return created;
  } catch {
    return crypto.randomUUID();
  }
}
