import {spawn, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';
import {lanHost} from './browser';

export interface RunningSite {
  url: string;
  /** The same server under a LAN-style name (see lanHost): an insecure context, as in a workshop. */
  lanUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function processGroupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the production build exactly as a reader would — `npm run serve` —
 * on a free port, and waits until /healthz answers.
 */
export async function serveProductionBuild(env: NodeJS.ProcessEnv = {}): Promise<RunningSite> {
  const port = await freePort();
  const child: ChildProcess = spawn('npm', ['run', 'serve'], {
    env: {...process.env, ...env, PORT: String(port), HOST: '127.0.0.1'},
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run serve exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (Date.now() >= deadline) throw new Error(`npm run serve did not become healthy:\n${output}`);
  return {
    url,
    lanUrl: `http://${lanHost}:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      // npm exits before the server it started has drained; a test that
      // stops the site means "nothing answers now", so wait for the group.
      while (processGroupAlive(child.pid!)) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
