/**
 * Runs the examples as a reader would: real programs, real interpreters and
 * compilers, against a real playground-server on a free port.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {mkdir, mkdtemp, symlink} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {silentLogger} from '../../playground-server/src/logger.js';
import {startServer, type RunningServer, type ServerOptions} from '../../playground-server/src/server.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const examples = path.join(repoRoot, 'examples');

/**
 * Debian's Python, which sees Debian's python3-grpcio and python3-requests;
 * a pyenv or venv `python3` earlier on PATH usually does not.
 */
export const PYTHON = '/usr/bin/python3';

export async function startPlayground(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({logger: silentLogger, ...options});
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** stdout's lines, without the empty last one. */
  readonly lines: string[];
}

/** The parent's environment without any BEAMLINE_* a developer may have set: each test says what it means. */
function baseEnv(): NodeJS.ProcessEnv {
  // No __pycache__ next to the examples' sources.
  const env: NodeJS.ProcessEnv = {PYTHONDONTWRITEBYTECODE: '1'};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('BEAMLINE_') && !key.startsWith('GATEWAY_')) {
      env[key] = value;
    }
  }
  return env;
}

/** Runs a program to its end (or kills it at `timeoutMs`) and collects its output. */
export function run(
  command: string,
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    timeoutMs?: number;
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: {...baseEnv(), ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout,
        stderr,
        ms: performance.now() - started,
        lines: stdout.split('\n').filter((line) => line !== ''),
      });
    });
  });
}

/** Lines of `result` that match `pattern`. */
export function matching(result: RunResult, pattern: RegExp): string[] {
  return result.lines.filter((line) => pattern.test(line));
}

/** The value of one Prometheus series in the server's /metrics (0 when absent). */
export async function metric(server: RunningServer, series: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** The injected-fault counter of one kind (unavailable, resource_exhausted, ratelimit, latency, …). */
export function faultsInjected(server: RunningServer, kind: string): Promise<number> {
  return metric(server, `playground_faults_injected_total{kind="${kind}"}`);
}

/**
 * Go in GOPATH mode against Debian's sources (the Go module proxy is out of
 * reach here): a GOPATH whose src/ holds the example module under its import
 * path, then Debian's /usr/share/gocode. The build cache survives between
 * runs, so only the first build compiles grpc-go.
 */
export async function goEnvironment(): Promise<Record<string, string>> {
  const gopath = await mkdtemp(path.join(tmpdir(), 'beamline-gopath-'));
  const modulePath = path.join(gopath, 'src', 'example.com', 'beamline', 'clients');
  await mkdir(modulePath, {recursive: true});
  await symlink(path.join(examples, 'clients', 'go'), path.join(modulePath, 'go'));
  return {
    GO111MODULE: 'off',
    GOPATH: `${gopath}:/usr/share/gocode`,
    GOCACHE: path.join(tmpdir(), 'beamline-examples-go-cache'),
    GOFLAGS: '',
  };
}

/** Builds one Go file into `outDir`; returns the binary's path. */
export async function goBuild(env: Record<string, string>, file: string, outDir: string): Promise<string> {
  const binary = path.join(outDir, path.basename(file, '.go'));
  // From inside GOPATH, so the example's own import path resolves like a reader's module.
  const gopathSrc = env.GOPATH!.split(':')[0]!;
  const cwd = file.includes(`${path.sep}clients${path.sep}go${path.sep}`)
    ? path.join(gopathSrc, 'src', 'example.com', 'beamline', 'clients', 'go')
    : path.dirname(file);
  await promisify(execFile)('go', ['build', '-o', binary, path.basename(file)], {
    cwd,
    env: {...baseEnv(), ...env},
    timeout: 120_000,
  });
  return binary;
}
