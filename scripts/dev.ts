/**
 * `npm start`: the playground-server (embedded Router) on PORT+1 and the
 * Docusaurus dev server on PORT, which forwards the API paths to it — one URL
 * for the reader, live reload for the author.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';

const port = Number(process.env.PORT ?? 3000);
const apiPort = port + 1;
const children: ChildProcess[] = [];

function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, {stdio: 'inherit', env: {...process.env, ...env}});
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`${command} ${args[0]} exited (${signal ?? code}); stopping the rest.`);
    shutdown(typeof code === 'number' && code !== 0 ? code : 1);
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
function shutdown(code: number): void {
  shuttingDown = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// Chosen here so the printed facilitator URL names the dev server's port, where the page is.
const facilitatorKey = process.env.FACILITATOR_KEY || randomBytes(12).toString('base64url');
start('npx', ['tsx', 'playground-server/src/main.ts'], {
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  FACILITATOR_KEY: facilitatorKey,
});
start('npx', ['docusaurus', 'start', '--port', String(port), '--host', process.env.HOST ?? 'localhost', '--no-open'], {
  PLAYGROUND_API_URL: `http://127.0.0.1:${apiPort}`,
});
console.log(`\nBeamline Integration Guide: http://localhost:${port}/ (API on ${apiPort}, forwarded)`);
console.log(`Workshop facilitator page: http://localhost:${port}/facilitator?key=${facilitatorKey}\n`);
