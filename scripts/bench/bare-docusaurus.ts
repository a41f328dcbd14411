import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cpSync, existsSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {join, resolve} from 'node:path';

const reference = resolve('scripts/bench/bare-docusaurus');
const cacheRoot = resolve('node_modules/.cache/bench-bare-docusaurus');

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(resolve('node_modules', pkg, 'package.json'), 'utf8')) as {version: string}).version;
}

/** Same files, same installed Docusaurus and same browser targets → same build: no rebuild. */
function cacheKey(): string {
  const hash = createHash('sha256');
  for (const pkg of ['@docusaurus/core', '@docusaurus/preset-classic', '@docusaurus/faster'])
    hash.update(versionOf(pkg));
  // The build below runs from this directory, so it reads the guide's browserslist: the same targets.
  hash.update(
    JSON.stringify((JSON.parse(readFileSync('package.json', 'utf8')) as {browserslist?: unknown}).browserslist ?? null),
  );
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(reference);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the bare classic Docusaurus site (scripts/bench/bare-docusaurus)
 * with this project's installed Docusaurus, offline, once per version and
 * file content, and returns its build directory. The site is copied under
 * node_modules so its config resolves the same packages the guide uses.
 */
export function bareDocusaurusBuild(): string {
  const dir = join(cacheRoot, cacheKey());
  const out = join(dir, 'build');
  if (existsSync(join(out, 'docs', 'intro', 'index.html'))) return out;
  rmSync(dir, {recursive: true, force: true});
  const site = join(dir, 'site');
  cpSync(reference, site, {recursive: true});
  console.log(`building the bare Docusaurus ${versionOf('@docusaurus/core')} reference in ${site} …`);
  const result = spawnSync(resolve('node_modules/.bin/docusaurus'), ['build', site, '--out-dir', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`the bare Docusaurus build failed (exit ${result.status})`);
  return out;
}
