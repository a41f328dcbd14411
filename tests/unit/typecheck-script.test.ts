/**
 * `npm run typecheck` is the one place the compiler sees the whole tree, so
 * a tsconfig it does not name goes unchecked (and its files drift) until
 * some other test happens to compile them.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const skipped = new Set(['node_modules', 'build', '.docusaurus', '.git']);

/** Every directory below `dir` with a tsconfig.json, relative to the repository. */
function tsconfigDirs(dir: string): string[] {
  const found = existsSync(path.join(dir, 'tsconfig.json')) ? [path.relative(repoRoot, dir) || '.'] : [];
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    if (entry.isDirectory() && !skipped.has(entry.name)) found.push(...tsconfigDirs(path.join(dir, entry.name)));
  }
  return found;
}

describe('npm run typecheck', () => {
  it('compiles every tsconfig in the repository', () => {
    const script: string = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.typecheck;
    const checked = [...script.matchAll(/tsc -p (\S+)/g)].map(([, project]) =>
      path.normalize(project!.replace(/\/?tsconfig\.json$/, '') || '.'),
    );
    expect(tsconfigDirs(repoRoot).filter((dir) => !checked.includes(dir))).toEqual([]);
  });
});
