/**
 * Starts the playground-server on the production build in this process, as
 * `npm run serve` and `npm run workshop` do, and prints where participants
 * can reach it.
 */
import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import {configFromEnv} from '../playground-server/src/config';
import {whereToConnect} from './lan-urls';

export const staticDir = resolve(process.env.STATIC_DIR ?? 'build');

export function hasBuild(): boolean {
  return existsSync(resolve(staticDir, 'index.html'));
}

/** Resolves once the server listens; main.ts exits the process when it cannot start. */
export async function startBuiltSite(): Promise<{host: string; port: number}> {
  process.env.STATIC_DIR = staticDir;
  await import('../playground-server/src/main');
  // main.ts has already refused a bad environment, so this cannot throw.
  const {host, port} = configFromEnv(process.env);
  if (port !== 0) console.log(`\n${whereToConnect(host, port)}`);
  return {host, port};
}
