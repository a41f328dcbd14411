/**
 * `npm run build`'s last step: writes `<file>.br` and `<file>.gz` next to
 * every text file of the built site, so the playground-server (sirv) sends a
 * room of participants compressed bytes without compressing per request.
 */
import {readdir, readFile, writeFile} from 'node:fs/promises';
import {availableParallelism} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {brotliCompress, constants, gzip} from 'node:zlib';

const compressible = /\.(?:html|css|js|mjs|json|svg|xml|txt|webmanifest)$/i;
const brotli = promisify(brotliCompress);
/**
 * Brotli's best quality (11) takes minutes on the multi-megabyte editor
 * chunks; quality 9 is ~15x faster there and ~10 % larger, so the big files
 * get 9 and the many small ones (pages, most chunks) get 11.
 */
const bestQualityBelow = 128 * 1024;
const gzipAsync = promisify(gzip);

export interface PrecompressTotals {
  files: number;
  raw: number;
  br: number;
  gz: number;
}

/** Compresses one file both ways; a variant that would not be smaller is not written. */
async function compressFile(file: string, totals: PrecompressTotals): Promise<void> {
  const raw = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: raw.length < bestQualityBelow ? constants.BROTLI_MAX_QUALITY : 9,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzipAsync(raw, {level: constants.Z_BEST_COMPRESSION}),
  ]);
  totals.files++;
  totals.raw += raw.length;
  totals.br += Math.min(br.length, raw.length);
  totals.gz += Math.min(gz.length, raw.length);
  await Promise.all([
    br.length < raw.length ? writeFile(`${file}.br`, br) : undefined,
    gz.length < raw.length ? writeFile(`${file}.gz`, gz) : undefined,
  ]);
}

export async function precompress(dir: string): Promise<PrecompressTotals> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  const queue = entries
    .filter((entry) => entry.isFile() && compressible.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
  const totals: PrecompressTotals = {files: 0, raw: 0, br: 0, gz: 0};
  // zlib runs in libuv's thread pool; a few files at a time keep every core busy.
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) await compressFile(file, totals);
  };
  await Promise.all(Array.from({length: Math.max(2, availableParallelism())}, worker));
  return totals;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'build');
  const started = performance.now();
  const totals = await precompress(dir);
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
  console.log(
    `Precompressed ${totals.files} files in ${path.relative(process.cwd(), dir) || '.'} ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s): ${mib(totals.raw)} → ` +
      `brotli ${mib(totals.br)}, gzip ${mib(totals.gz)}`,
  );
}
