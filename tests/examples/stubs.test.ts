/** Fails when the committed Python, Go and Node.js stubs no longer match what proto/ generates. */
import {execFile} from 'node:child_process';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {repoRoot} from './support.js';

const GENERATED = ['examples/clients/python/beamline', 'examples/clients/go/gen', 'examples/clients/nodejs/gen'];
let output: string;

beforeAll(async () => {
  output = await mkdtemp(path.join(tmpdir(), 'generate-stubs-'));
  // The same script as `npm run generate:stubs`, only written elsewhere.
  await promisify(execFile)('bash', [path.join(repoRoot, 'examples', 'generate-stubs.sh'), output], {
    cwd: repoRoot,
    timeout: 120_000,
  });
}, 120_000);

afterAll(() => rm(output, {recursive: true, force: true}));

async function tree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (entry.isFile() && !entry.name.endsWith('.pyc')) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = await readFile(file, 'utf8');
    }
  }
  return files;
}

it.each(GENERATED)('%s is up to date with proto/ (run `npm run generate:stubs` if this fails)', async (dir) => {
  const fresh = await tree(path.join(output, dir));
  expect(Object.keys(fresh).length).toBeGreaterThan(0);
  expect(await tree(path.join(repoRoot, dir))).toEqual(fresh);
});
