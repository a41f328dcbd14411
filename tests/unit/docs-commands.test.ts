/**
 * The Quick start promises that every command it shows works. This test reads
 * the page's ```bash blocks and runs them: curl lines against a real
 * playground-server (port substituted), with each answer compared to the
 * ```json "Response" block the page shows after it; npm lines must name
 * scripts that exist.
 */
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startServer, type RunningServer} from '../../playground-server/src/server';

const run = promisify(execFile);
const page = 'docs/quick-start/index.mdx';

interface Block {
  lang: string;
  meta: string;
  body: string;
}

/** Fenced blocks of an MDX file, in order. */
export function fencedBlocks(mdx: string): Block[] {
  const blocks: Block[] = [];
  const pattern = /^```(\w+)([^\n]*)\n([\s\S]*?)^```\s*$/gm;
  for (const match of mdx.matchAll(pattern)) blocks.push({lang: match[1], meta: match[2].trim(), body: match[3]});
  return blocks;
}

/** Shell commands of a block: continuation lines joined, comments dropped. */
export function commands(body: string): string[] {
  return body
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** The page's expected answer, where a string "…" stands for any string (a timestamp, say). */
function withWildcards(expected: unknown): unknown {
  if (expected === '…') return expect.any(String);
  if (Array.isArray(expected)) return expected.map(withWildcards);
  if (expected && typeof expected === 'object') {
    return Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, withWildcards(value)]));
  }
  return expected;
}

const silentLogger = {info() {}, warn() {}, error() {}, debug() {}};

describe(`every command in ${page}`, () => {
  const blocks = fencedBlocks(readFileSync(page, 'utf8'));
  const shell = blocks.filter((block) => block.lang === 'bash');
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({logger: silentLogger as never});
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows commands at all (the page was parsed)', () => {
    expect(shell.length).toBeGreaterThanOrEqual(4);
    expect(shell.flatMap((block) => commands(block.body)).every((line) => /^(curl|npm) /.test(line))).toBe(true);
  });

  it('names only npm scripts that exist', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    const npmLines = shell.flatMap((block) => commands(block.body)).filter((line) => line.startsWith('npm '));
    expect(npmLines.length).toBeGreaterThan(0);
    for (const line of npmLines) {
      for (const part of line.split('&&').map((piece) => piece.trim())) {
        const [, verb, name] = part.split(/\s+/);
        if (verb === 'install' || verb === 'ci' || verb === 'test') continue;
        const script = verb === 'run' ? name : verb;
        expect(scripts, `"${part}" needs a "${script}" script`).toHaveProperty(script);
      }
    }
  });

  // Each curl block, paired with the first json block after it (if any) — the answer the page promises.
  const curlBlocks = shell
    .map((block) => ({block, index: blocks.indexOf(block)}))
    .filter(({block}) => commands(block.body).some((line) => line.startsWith('curl ')));

  it.each(curlBlocks.map(({block, index}) => [commands(block.body).join('; '), index] as const))(
    'runs: %s',
    async (_name, index) => {
      const block = blocks[index];
      const next = blocks.slice(index + 1).find((candidate) => candidate.lang === 'bash' || candidate.lang === 'json');
      expect(next?.lang, 'every curl block is followed by the ```json answer it gives').toBe('json');
      const expected = withWildcards(JSON.parse(next!.body));
      for (const line of commands(block.body)) {
        const local = line.replaceAll('http://localhost:3000', server.url);
        expect(local, 'the command should use http://localhost:3000, as the page says').not.toBe(line);
        const {stdout} = await run('bash', ['-c', `set -o pipefail; ${local}`], {timeout: 10_000});
        expect(JSON.parse(stdout)).toEqual(expected);
      }
    },
  );
});
