import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {silentLogger} from './logger.js';
import {startServer, type RunningServer} from './server.js';

let workspace: string;
let server: RunningServer;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'static-files-'));
  const site = path.join(workspace, 'site');
  const files: Record<string, string> = {
    'index.html': '<h1>home</h1>',
    '404.html': '<h1>lost</h1>',
    'docs/intro/index.html': '<h1>intro</h1>',
    'guide.html': '<h1>guide</h1>',
    'assets/js/main.1a2b3c4d.js': 'console.log(1)',
    'img/logo.svg': '<svg/>',
    'data.bin': '\u0000',
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(site, name)), {recursive: true});
    await writeFile(path.join(site, name), content);
  }
  await writeFile(path.join(workspace, 'secret.txt'), 'top secret');
  await symlink(path.join(workspace, 'secret.txt'), path.join(site, 'escape.txt'));
  server = await startServer({logger: silentLogger, staticDir: site});
});

afterAll(async () => {
  await server.close();
  await rm(workspace, {recursive: true, force: true});
});

/** Sends the request line as written, with no client-side path normalisation. */
function rawGet(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let response = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('end', () => resolve(response));
    socket.on('error', reject);
  });
}

describe('static files', () => {
  it.each([
    ['/', '<h1>home</h1>', 'text/html; charset=utf-8', 'no-cache'],
    ['/docs/intro', '<h1>intro</h1>', 'text/html; charset=utf-8', 'no-cache'],
    ['/docs/intro/', '<h1>intro</h1>', 'text/html; charset=utf-8', 'no-cache'],
    ['/guide', '<h1>guide</h1>', 'text/html; charset=utf-8', 'no-cache'],
    [
      '/assets/js/main.1a2b3c4d.js',
      'console.log(1)',
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ],
    ['/img/logo.svg', '<svg/>', 'image/svg+xml', 'no-cache'],
    ['/data.bin', '\u0000', 'application/octet-stream', 'no-cache'],
  ])('serves %s', async (url, body, contentType, cacheControl) => {
    const response = await fetch(server.url + url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("answers unknown paths with the site's 404 page and status 404", async () => {
    const response = await fetch(`${server.url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('<h1>lost</h1>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/docs/..%2f..%2fsecret.txt', '/escape.txt'])(
    'keeps %s inside the site',
    async (target) => {
      const response = await rawGet(target);
      expect(response).toMatch(/^HTTP\/1\.1 404 /);
      expect(response).not.toContain('top secret');
    },
  );

  it('rejects undecodable paths', async () => {
    expect(await rawGet('/%E0%A4%A')).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await fetch(server.url, {method: 'HEAD'});
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('13');
    expect(await head.text()).toBe('');
    const put = await fetch(server.url, {method: 'PUT', body: 'x'});
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
  });

  it('revalidates with ETag', async () => {
    const first = await fetch(`${server.url}/guide`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${server.url}/guide`, {headers: {'if-none-match': etag!}});
    expect(again.status).toBe(304);
  });

  it('still routes RPCs and /healthz before the site', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const rpc = await fetch(`${server.url}/beamline.flow.v1.Router/Decide`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: '{}',
    });
    expect(await rpc.json()).toEqual({code: 'invalid_argument', message: 'message is required'});
  });

  it('refuses to start without the directory', async () => {
    await expect(startServer({logger: silentLogger, staticDir: path.join(workspace, 'missing')})).rejects.toThrow(
      /^STATIC_DIR ".*missing" does not exist$/,
    );
  });
});
