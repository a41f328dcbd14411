/** Only ever the base of a parsed path; never contacted. */
const BASE = 'http://request-target.invalid';

/**
 * The request target as every route sees it, parsed once at the door: the
 * origin form (`/path?query`) with dot segments resolved. HTTP/1.1 also
 * allows the absolute form (`POST http://x/api/…`, RFC 9112 §3.2.2), which
 * a server must accept; left as it came, a route that matches on the path
 * prefix (the per-client limit on `/api/`) would miss what the facade,
 * which parses the URL, then answers. Undefined for a target that is no
 * http(s) URL or path (`*`, `ftp://…`, garbage): answered 400.
 */
export function originForm(target: string): string | undefined {
  let url: URL;
  try {
    // A path is parsed as a path: `//x/y` stays that path, not a host named x.
    url = target.startsWith('/') ? new URL(BASE + target) : new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return undefined;
  }
  return url.pathname + url.search;
}
