/**
 * `npm run workshop`: one command for a facilitator's laptop. Builds the site
 * when `build/` is missing or stale, starts the production server on every
 * network interface and prints the participants' URLs, a QR code and the
 * facilitator's URL with its secret key.
 */
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {whyBuild} from './build-freshness';
import {participantUrls} from './lan-urls';
import {startBuiltSite, staticDir} from './production-server';

const reason = await whyBuild(process.cwd(), staticDir);
if (reason) {
  console.log(`Building the site first (${reason}); this takes a few minutes…`);
  const build = spawnSync('npm', ['run', 'build'], {stdio: 'inherit'});
  if (build.status !== 0) {
    console.error('The build failed (see above); nothing was started.');
    process.exit(build.status ?? 1);
  }
}
// Chosen here rather than by the server, so this script can print it.
process.env.FACILITATOR_KEY ||= randomBytes(12).toString('base64url');
const {host, port} = await startBuiltSite();
// On the room's address, not localhost: the page shows the projector the address it was opened at.
const origin = participantUrls(host, port)[0] ?? `http://localhost:${port}/`;
console.log(
  [
    'Facilitator (keep this URL to yourself: the key lets its holder change the room):',
    `  ${origin}facilitator?key=${process.env.FACILITATOR_KEY}`,
    'Set FACILITATOR_KEY to keep the same key across restarts. Ctrl+C stops the server.',
  ].join('\n'),
);
