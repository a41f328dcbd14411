/**
 * The site's public origin, for sitemap.xml and the canonical links, from
 * `SITE_URL` at build time (e.g. `SITE_URL=http://workshop.lan:3000 npm run
 * build`). Without it, the address `npm start` and `npm run serve` print.
 * The guide is always served at `/`, so only an origin is accepted.
 */
export function siteOrigin(value: string | undefined): string {
  if (!value) return 'http://localhost:3000';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL is not a URL: ${JSON.stringify(value)} (expected e.g. http://workshop.lan:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`SITE_URL must be http(s): ${value}`);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`SITE_URL must be an origin without a path (the guide is served at /): ${value}`);
  }
  return url.origin;
}
