import {afterEach, describe, expect, it} from 'vitest';
import {MAIN_SCRIPT, type ServerProcess, startServerProcess} from './support/processes';

describe('a server whose output nobody reads any more (a closed terminal, a killed parent)', () => {
  let server: ServerProcess | undefined;
  afterEach(() => server?.kill('SIGKILL'));

  it('still answers, and drains and exits on SIGTERM', async () => {
    server = await startServerProcess(MAIN_SCRIPT, {LOG_LEVEL: 'debug', STATIC_DIR: ''});
    server.child.stdout!.destroy();
    server.child.stderr!.destroy();
    // Each call logs an access line (LOG_LEVEL=debug), whose write now fails with EPIPE.
    for (let call = 0; call < 3; call++) {
      const decide = await fetch(`${server.url}/beamline.flow.v1.Router/Decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({message: {tenantId: 'closed-output', messageId: `m-${call}`}}),
        signal: AbortSignal.timeout(5_000),
      });
      expect(decide.status).toBe(200);
    }
    server.kill('SIGTERM');
    const exit = await Promise.race([
      server.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000)),
    ]);
    expect(exit).toBe(0);
  });
});
