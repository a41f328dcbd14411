import {readdirSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {request} from 'node:http';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {brotliDecompressSync, gunzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {silentLogger} from './logger.js';
import {startServer, type RunningServer} from './server.js';
import {precompress} from '../../scripts/precompress.js';

let workspace: string;
let site: string;
let server: RunningServer;

/** A script big enough to compress and to still be streaming when a client hangs up. */
const app = `export const routes = ${JSON.stringify(Array.from({length: 4000}, (_, i) => ({path: `/guide/${i}`, i})))};\n`;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'static-files-'));
  site = path.join(workspace, 'site');
  const files: Record<string, string> = {
    'index.html': '<h1>home</h1>',
    '404.html': '<h1>lost</h1>',
    'docs/intro/index.html': '<h1>intro</h1>',
    'guide.html': '<h1>guide</h1>',
    'assets/js/main.1a2b3c4d.js': 'console.log(1)',
    'img/logo.svg': '<svg/>',
    'data.bin': '\u0000',
    'assets/js/app.0f1e2d3c.js': app,
    '.env': 'SECRET=1',
    '.git/config': '[core]',
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(site, name)), {recursive: true});
    await writeFile(path.join(site, name), content);
  }
  await writeFile(path.join(workspace, 'secret.txt'), 'top secret');
  await symlink(path.join(workspace, 'secret.txt'), path.join(site, 'escape.txt'));
  await mkdir(path.join(workspace, 'outside'));
  await writeFile(path.join(workspace, 'outside', 'index.html'), 'top secret');
  await symlink(path.join(workspace, 'outside'), path.join(site, 'linked'));
  await precompress(site);
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

/** The bytes as sent (no decoding, unlike fetch) and the headers. */
function getRaw(target: string, headers: Record<string, string> = {}) {
  return new Promise<{status: number; headers: Record<string, string | string[] | undefined>; body: Buffer}>(
    (resolve, reject) => {
      request(`${server.url}${target}`, {headers}, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks)}),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Starts a download, reads its first bytes and hangs up. */
function abortedDownload(target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`),
    );
    socket.once('data', () => {
      socket.destroy();
      resolve();
    });
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
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it("answers unknown paths with the site's 404 page and status 404", async () => {
    const response = await fetch(`${server.url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('<h1>lost</h1>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/docs/..%2f..%2fsecret.txt',
    '/escape.txt',
    '/linked/',
    '/linked/index.html',
  ])('keeps %s inside the site', async (target) => {
    const response = await rawGet(target);
    expect(response).toMatch(/^HTTP\/1\.1 404 /);
    expect(response).not.toContain('top secret');
  });

  it.each(['/.env', '/.git/config', '/assets/..%2findex.html', '/assets/js/..%2f..%2findex.html'])(
    'does not serve %s',
    async (target) => {
      const response = await rawGet(target);
      expect(response).toMatch(/^HTTP\/1\.1 404 /);
      expect(response).not.toMatch(/SECRET|\[core\]|<h1>home<\/h1>|immutable/);
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

  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)(
    'sends the precompressed %s file when the client accepts it, the same bytes once decoded',
    async (encoding, decode) => {
      const original = await readFile(path.join(site, 'assets/js/app.0f1e2d3c.js'));
      const response = await getRaw('/assets/js/app.0f1e2d3c.js', {'accept-encoding': encoding});
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.body.length).toBeLessThan(original.length / 4);
      expect(decode(response.body).equals(original)).toBe(true);
    },
  );

  it('prefers brotli, and sends the plain file to a client that accepts neither', async () => {
    const both = await getRaw('/assets/js/app.0f1e2d3c.js', {'accept-encoding': 'gzip, deflate, br'});
    expect(both.headers['content-encoding']).toBe('br');
    const plain = await getRaw('/assets/js/app.0f1e2d3c.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(await readFile(path.join(site, 'assets/js/app.0f1e2d3c.js')))).toBe(true);
  });

  it('answers a byte range with 206 and ignores ranges it cannot honour', async () => {
    const part = await getRaw('/guide', {range: 'bytes=4-8'});
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 4-8/14');
    expect(part.body.toString()).toBe('guide');
    for (const range of ['bytes=8-4', 'bytes=-3', 'bytes=0-1,4-5', 'pages=1-2']) {
      const whole = await getRaw('/guide', {range});
      expect(whole.status).toBe(200);
      expect(whole.body.toString()).toBe('<h1>guide</h1>');
    }
    expect((await getRaw('/guide', {range: 'bytes=100-'})).status).toBe(416);
  });

  it('gives back the file descriptor of every download the client abandons', async () => {
    const before = openFds();
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({length: 50}, () => abortedDownload('/assets/js/app.0f1e2d3c.js')));
    }
    await expect.poll(openFds, {timeout: 5000}).toBeLessThanOrEqual(before + 5);
    expect((await fetch(`${server.url}/guide`)).status).toBe(200);
  });

  it('refuses to start without the directory', async () => {
    await expect(startServer({logger: silentLogger, staticDir: path.join(workspace, 'missing')})).rejects.toThrow(
      /^STATIC_DIR ".*missing" does not exist$/,
    );
  });
});
