/** Whether `build/` is missing or older than what it is built from. */
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';

/** What `docusaurus build` reads; a change to any of them makes the build stale. */
export const buildInputs = [
  'docs',
  'src',
  'static',
  'examples',
  'docusaurus.config.ts',
  'sidebars.ts',
  'package-lock.json',
];

async function newestChange(entry: string): Promise<number> {
  const stats = await stat(entry).catch(() => undefined);
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of await readdir(entry, {recursive: true, withFileTypes: true})) {
    if (child.name === 'node_modules' || child.parentPath.includes(`${path.sep}node_modules`)) continue;
    const childStats = await stat(path.join(child.parentPath, child.name)).catch(() => undefined);
    if (childStats && childStats.mtimeMs > newest) newest = childStats.mtimeMs;
  }
  return newest;
}

/** Undefined when the build is fresh, else why it needs building. */
export async function whyBuild(root: string, staticDir: string): Promise<string | undefined> {
  const built = await stat(path.join(staticDir, 'index.html')).catch(() => undefined);
  if (!built) return `no built site in ${staticDir}`;
  for (const input of buildInputs) {
    if ((await newestChange(path.join(root, input))) > built.mtimeMs) return `${input} changed since the last build`;
  }
  return undefined;
}
