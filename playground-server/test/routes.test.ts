/**
 * The route table against a real server with a static site: every path the
 * server answers itself is one `npm start`'s dev proxy forwards to it
 * (isServerPath), and every path the proxy forwards is one the server
 * answers rather than its static site — so `npm start` and `npm run serve`
 * agree on every route.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {silentLogger} from '../src/logger.js';
import {isServerPath, routes} from '../src/routes.js';
import {startServer, type RunningServer} from '../src/server.js';

const SITE_MARKER = 'answered-by-the-static-site';

/** One path per exact path of each route, one under each prefix; the static route's are below. */
const routeSamples = routes
  .filter((route) => route.door !== 'static')
  .flatMap((route) => ('paths' in route ? route.paths : [`${route.prefix}x`]));

/** Near misses of the server's paths, which are the site's. */
const sitePaths = [
  '/',
  '/docs/intro',
  '/healthzz',
  '/health/x',
  '/metrics/x',
  '/rooms',
  '/api/v2/x',
  '/beamline.flow.v1.Router/NoSuchMethod',
  '/beamline.flow.v1.Router',
];

let server: RunningServer;
let site: string;

beforeAll(async () => {
  site = mkdtempSync(path.join(tmpdir(), 'routes-site-'));
  writeFileSync(path.join(site, 'index.html'), SITE_MARKER);
  writeFileSync(path.join(site, '404.html'), SITE_MARKER);
  server = await startServer({logger: silentLogger, staticDir: site});
});
afterAll(async () => {
  await server?.close();
  rmSync(site, {recursive: true, force: true});
});

describe('the route table', () => {
  it('has samples of every kind of route', () => {
    expect(routeSamples).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/metrics', '/_health', '/api/v1/routes/decide']),
    );
    expect(routeSamples.filter((sample) => sample.startsWith('/beamline.')).length).toBeGreaterThan(5);
    expect(routes.at(-1)?.door).toBe('static');
  });

  it.each([...routeSamples, ...sitePaths])(
    '%s: the dev proxy forwards it exactly when the server answers it',
    async (sample) => {
      const answer = await fetch(server.url + sample);
      const bySite = (await answer.text()).includes(SITE_MARKER);
      expect(isServerPath(sample)).toBe(!bySite);
      expect(bySite).toBe(sitePaths.includes(sample));
    },
  );

  it('serves every RPC path of the table: a GET without a content type is 415, not the 404 of a missing method', async () => {
    const rpcPaths = routes.find((route) => route.door === 'rpc')?.paths ?? [];
    const statuses = await Promise.all(rpcPaths.map(async (rpc) => (await fetch(server.url + rpc)).status));
    expect(statuses).toEqual(rpcPaths.map(() => 415));
  });

  it('forwards a path with a query string by its path', () => {
    expect(isServerPath('/api/v1/messages/stream?tenant_id=t')).toBe(true);
    expect(isServerPath('/docs/intro?healthz')).toBe(false);
  });
});
