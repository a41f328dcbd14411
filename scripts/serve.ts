/**
 * `npm run serve`: the playground-server serving the production build and the
 * API on one port, as on a workshop laptop; prints the participants' URLs.
 */
import {hasBuild, startBuiltSite, staticDir} from './production-server';

if (!hasBuild()) {
  console.error(`No built site in ${staticDir}: run \`npm run build\` first (or \`npm run workshop\`, which builds).`);
  process.exit(1);
}
await startBuiltSite();
