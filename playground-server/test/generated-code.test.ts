/** Fails when packages/api/src no longer matches what `npm run generate` makes from proto/. */
import {execFile} from 'node:child_process';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, expect, it} from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const committed = path.join(repoRoot, 'packages/api/src');
let output: string;

beforeAll(async () => {
  output = await mkdtemp(path.join(tmpdir(), 'buf-generate-'));
  // Same template as `npm run generate`, only written elsewhere.
  await promisify(execFile)(path.join(repoRoot, 'node_modules/.bin/buf'), ['generate', '--output', output], {
    cwd: repoRoot,
  });
}, 30_000);

afterAll(() => rm(output, {recursive: true, force: true}));

async function tree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = await readFile(file, 'utf8');
    }
  }
  return files;
}

it('packages/api/src is up to date with proto/ (run `npm run generate` if this fails)', async () => {
  const fresh = await tree(path.join(output, 'packages/api/src'));
  expect(Object.keys(fresh)).toContain(path.join('beamline', 'flow', 'v1', 'flow_pb.ts'));
  expect(await tree(committed)).toEqual(fresh);
});
