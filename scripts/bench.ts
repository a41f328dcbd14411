/**
 * `npm run bench`: every benchmark, one after the other, figures printed and
 * nothing asserted. The browser ones need a production build (`npm run
 * build`, or STATIC_DIR pointing at one) and are skipped without it.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {resolve} from 'node:path';

const needsBuild = new Set(['bench:page-weight', 'bench:playground', 'bench:simulation-page', 'bench:workshop-bytes']);
const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>).filter(
  (name) => name.startsWith('bench:'),
);
const built = existsSync(resolve(process.env.STATIC_DIR ?? 'build', 'index.html'));

let failed = 0;
for (const name of scripts) {
  console.log(`\n=== ${name}`);
  if (needsBuild.has(name) && !built) {
    console.log('skipped: no production build (run `npm run build` first, or set STATIC_DIR)');
    continue;
  }
  const started = performance.now();
  const result = spawnSync('npm', ['run', '--silent', name], {stdio: 'inherit'});
  console.log(
    `(${name} took ${((performance.now() - started) / 1000).toFixed(1)} s${result.status === 0 ? '' : `, exit ${result.status ?? result.signal}`})`,
  );
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
