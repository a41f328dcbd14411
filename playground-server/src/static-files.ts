import {createReadStream} from 'node:fs';
import {realpath, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Stats} from 'node:fs';
import type {NodeRequest, NodeResponse} from './http-types.js';
import {sendText} from './http-types.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Docusaurus puts only content-hashed files under /assets/. */
const IMMUTABLE = /^\/assets\/|\.[0-9a-f]{8,}\.[a-z0-9]+$/i;

export type StaticHandler = (req: NodeRequest, res: NodeResponse) => Promise<void>;

/**
 * Serves a built site from `dir`: `index.html` for directories, `<path>.html`
 * for extension-less paths, the site's `404.html` with status 404 for
 * everything else. Nothing outside `dir` is reachable, symlinks included.
 * HTML and unhashed files are revalidated on every load (ETag), hashed
 * assets are cached for a year.
 */
export async function createStaticFiles(dir: string): Promise<StaticHandler> {
  const root = await realpath(dir).catch(() => {
    throw new Error(`STATIC_DIR ${JSON.stringify(dir)} does not exist`);
  });
  if (!(await stat(root)).isDirectory()) {
    throw new Error(`STATIC_DIR ${JSON.stringify(dir)} is not a directory`);
  }

  const inside = (file: string) => file === root || file.startsWith(root + path.sep);

  /** The file a URL path names, or undefined when there is none inside the root. */
  async function resolve(urlPath: string): Promise<{file: string; stats: Stats} | undefined> {
    const target = path.join(root, path.posix.normalize(urlPath));
    const candidates = [target, path.join(target, 'index.html')];
    if (path.extname(target) === '') {
      candidates.push(`${target}.html`);
    }
    for (const candidate of candidates) {
      const found = await fileAt(candidate);
      if (found && inside(found.file)) {
        return found;
      }
    }
    return undefined;
  }

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method Not Allowed');
      return;
    }
    const urlPath = decodedPath(req.url ?? '/');
    if (urlPath === undefined) {
      sendText(res, 400, 'Bad Request');
      return;
    }
    const found = await resolve(urlPath);
    if (found) {
      serveFile(req, res, found.file, found.stats, IMMUTABLE.test(urlPath), 200);
      return;
    }
    const notFoundPage = await fileAt(path.join(root, '404.html'));
    if (notFoundPage) {
      serveFile(req, res, notFoundPage.file, notFoundPage.stats, false, 404);
      return;
    }
    sendText(res, 404, 'Not Found');
  };
}

/** The URL's path, percent-decoded; undefined when it cannot be a file name. */
function decodedPath(url: string): string | undefined {
  try {
    const decoded = decodeURIComponent(new URL(url, 'http://localhost').pathname);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** A regular file's real path and stats, or undefined. */
async function fileAt(candidate: string): Promise<{file: string; stats: Stats} | undefined> {
  try {
    const file = await realpath(candidate);
    const stats = await stat(file);
    return stats.isFile() ? {file, stats} : undefined;
  } catch {
    return undefined;
  }
}

function serveFile(
  req: NodeRequest,
  res: NodeResponse,
  file: string,
  stats: Stats,
  immutable: boolean,
  status: number,
): void {
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (status === 200) {
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', stats.mtime.toUTCString());
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304);
      res.end();
      return;
    }
  }
  res.setHeader('Content-Length', stats.size);
  res.writeHead(status);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res as NodeJS.WritableStream);
}
