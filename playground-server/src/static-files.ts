import {readdir, readFile, realpath, stat} from 'node:fs/promises';
import type {IncomingMessage, ServerResponse} from 'node:http';
import path from 'node:path';
import type {Readable} from 'node:stream';
import sirv from 'sirv';
import type {NodeRequest, NodeResponse} from './http-types.js';
import {sendText} from './http-types.js';
import {setSecurityHeaders} from './security-headers.js';

/** Text types get an explicit charset; sirv's own table (mrmime) answers the rest. */
const TEXT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/** Docusaurus puts only content-hashed files under /assets/. */
const IMMUTABLE = /^\/assets\/|\.[0-9a-f]{8,}\.[a-z0-9]+$/i;

/** One byte range, the only form passed on to sirv (which mis-reads the others). */
const SIMPLE_RANGE = /^bytes=(\d+)-(\d*)$/;

export type StaticHandler = (req: NodeRequest, res: NodeResponse) => Promise<void>;

/**
 * Serves a built site from `dir` with sirv: `index.html` for directories,
 * `<path>.html` for extension-less paths, the precompressed `.br`/`.gz`
 * sibling `npm run build` wrote when the client accepts it, byte ranges,
 * and the site's `404.html` with status 404 for everything else.
 *
 * sirv lists the directory once at start and serves only what is in that
 * list, so no URL reaches outside it and dotfiles are never listed; the list
 * follows symlinks, so links that lead out of the directory are refused here.
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
  const escaping = await linksLeading(root);
  const notFoundPage = await readFile(path.join(root, '404.html')).catch(() => undefined);
  const serve = sirv(root, {
    etag: true,
    brotli: true,
    gzip: true,
    extensions: ['html'],
    setHeaders: (res, pathname) => {
      const type = TEXT_TYPES[path.extname(pathname).toLowerCase() || '.html'];
      if (type) res.setHeader('Content-Type', type);
      setSecurityHeaders(res);
      res.setHeader('Cache-Control', IMMUTABLE.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const notFound = (res: NodeResponse) => {
    if (!notFoundPage) {
      sendText(res, 404, 'Not Found');
      return;
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    setSecurityHeaders(res);
    res.setHeader('Content-Length', notFoundPage.length);
    res.setHeader('Cache-Control', 'no-cache');
    res.writeHead(404);
    res.end(notFoundPage);
  };

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
    if (escaping.size && servedCandidates(urlPath).some((name) => isUnder(name, escaping))) {
      notFound(res);
      return;
    }
    const range = req.headers.range;
    if (range !== undefined && !isSimpleRange(range)) delete req.headers.range;
    // sirv pipes a file stream into the response and leaves it open when the
    // client goes away: without this every aborted download kept its fd.
    res.once('pipe', (source: Readable) => res.once('close', () => source.destroy()));
    serve(req as IncomingMessage, res as ServerResponse, () => notFound(res));
  };
}

function isSimpleRange(header: string): boolean {
  const match = SIMPLE_RANGE.exec(header);
  return match !== null && (match[2] === '' || Number(match[2]) >= Number(match[1]));
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

/** The names sirv may answer a path with (see its `extensions` and compression lookups). */
function servedCandidates(urlPath: string): string[] {
  const base = urlPath.replace(/\/+$/, '');
  return [base, `${base}.html`, `${base}/index.html`].flatMap((name) => [name, `${name}.br`, `${name}.gz`]);
}

/** Whether a URL path is one of the links, or inside a linked directory. */
function isUnder(name: string, links: ReadonlySet<string>): boolean {
  for (let at = name.length; at > 0; at = name.lastIndexOf('/', at - 1)) {
    if (links.has(name.slice(0, at))) return true;
  }
  return false;
}

/** URL paths (`/a/b.txt`) of the symlinks under root whose target lies outside it. */
async function linksLeading(root: string): Promise<Set<string>> {
  const escaping = new Set<string>();
  for (const entry of await readdir(root, {recursive: true, withFileTypes: true})) {
    if (!entry.isSymbolicLink()) continue;
    const link = path.join(entry.parentPath, entry.name);
    const target = await realpath(link).catch(() => undefined);
    if (target === undefined || (target !== root && !target.startsWith(root + path.sep))) {
      escaping.add(`/${path.relative(root, link).split(path.sep).join('/')}`);
    }
  }
  return escaping;
}
