/**
 * `npm run serve`: the playground-server serving the production build and the
 * API on one port, as on a workshop laptop.
 */
import {existsSync} from 'node:fs';
import {resolve} from 'node:path';

const staticDir = resolve(process.env.STATIC_DIR ?? 'build');
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error(`No built site in ${staticDir}: run \`npm run build\` first.`);
  process.exit(1);
}
process.env.STATIC_DIR = staticDir;
await import('../playground-server/src/main');
