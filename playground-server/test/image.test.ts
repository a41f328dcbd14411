/**
 * The server image, without a Docker engine: the Dockerfile's last stage is
 * assembled in a temporary directory exactly as its COPY lines say — the
 * repository paths it copies, and for node_modules only the packages npm
 * installs for the server workspace without dev dependencies — and the
 * server is started from there. A source file outside the copied paths, or a
 * package the workspace does not declare, makes it fail to start.
 */
import {execFileSync} from 'node:child_process';
import {cpSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startServerProcess, type ServerProcess} from './support/processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKSPACE = '@beamline/playground-server';

interface Copy {
  readonly from?: string;
  readonly source: string;
  readonly target: string;
}

/** The COPY lines of the stage that runs (after the last FROM), targets relative to WORKDIR /app. */
function runtimeCopies(dockerfile: string): Copy[] {
  const stages = dockerfile.split(/^FROM\s/m);
  const last = stages.at(-1)!;
  expect(last).toMatch(/^WORKDIR \/app$/m);
  return [...last.matchAll(/^COPY\s+(?:--from=(\S+)\s+)?(\S+)\s+(\S+)\s*$/gm)].map(([, from, source, target]) => ({
    from,
    source: source!,
    target: target!.replace(/^\/app\/?/, '') || '.',
  }));
}

/** What `npm ci --omit=dev --workspace <server>` installs: the workspace's production dependency tree. */
let listedPackages: string[] | undefined;
function serverPackages(): string[] {
  listedPackages ??= listServerPackages();
  return listedPackages;
}

function listServerPackages(): string[] {
  const listed = execFileSync('npm', ['ls', '--parseable', '--omit=dev', '--all', '--workspace', WORKSPACE], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .map((line) => path.relative(root, line.trim()))
    .filter((relative) => relative.startsWith('node_modules/') && !relative.endsWith('@beamline/playground-server'));
}

/** Docker's rule: a file copied to a directory (`dir/`, `./`) keeps its name; a directory's contents go to the target. */
function dockerTarget(image: string, copy: Copy): string {
  const intoDirectory = copy.target.endsWith('/') || copy.target === '.';
  const isFile = statSync(path.join(root, copy.source)).isFile();
  return path.join(image, copy.target, intoDirectory && isFile ? path.basename(copy.source) : '');
}

describe('the playground-server image (Dockerfile, last stage)', () => {
  let image: string;
  let server: ServerProcess | undefined;
  const copies = runtimeCopies(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));

  beforeAll(() => {
    image = mkdtempSync(path.join(tmpdir(), 'playground-image-'));
    for (const copy of copies) {
      if (copy.from === 'server-deps') {
        expect(copy.source).toBe('/app/node_modules');
        for (const pkg of serverPackages()) {
          cpSync(path.join(root, pkg), path.join(image, copy.target, path.relative('node_modules', pkg)), {
            recursive: true,
            verbatimSymlinks: true,
          });
        }
      } else if (!copy.from) {
        cpSync(path.join(root, copy.source), dockerTarget(image, copy), {recursive: true});
      }
    }
  }, 60_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    await server?.exited;
    rmSync(image, {recursive: true, force: true});
  });

  it('installs only the server workspace’s production dependencies', () => {
    const declared = Object.keys(
      (
        JSON.parse(readFileSync(path.join(root, 'playground-server/package.json'), 'utf8')) as {
          dependencies: Record<string, string>;
        }
      ).dependencies,
    );
    const installed = serverPackages().map((pkg) => pkg.replace(/^node_modules\//, ''));
    expect(installed).toEqual(expect.arrayContaining(declared));
    // Nothing of the site's: no Docusaurus, React, Monaco or the test tools.
    for (const siteOnly of ['@docusaurus/core', 'react', 'monaco-editor', 'recharts', 'vitest', 'typescript']) {
      expect(installed).not.toContain(siteOnly);
    }
  });

  it('starts from the copied files alone and answers the Router API, the facade and the rooms', async () => {
    server = await startServerProcess(
      path.join(image, 'playground-server/src/main.ts'),
      {FACILITATOR_KEY: 'image-test-key', STATIC_DIR: ''},
      undefined,
      image,
    );
    const decide = await fetch(`${server.url}/beamline.flow.v1.Router/Decide`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({message: {tenantId: 'image', messageId: 'm-1'}}),
    });
    expect(decide.status).toBe(200);
    expect(((await decide.json()) as {providerId?: string}).providerId).toBeTruthy();
    // Rooms' shared capacity runs the pattern library's token bucket, which the image must carry.
    const scenario = await fetch(`${server.url}/rooms/main/scenario`, {
      method: 'PUT',
      headers: {'content-type': 'application/json', 'x-beamline-facilitator-key': 'image-test-key'},
      body: JSON.stringify({kind: 'capacity', perSecond: 1}),
    });
    expect(scenario.status).toBe(200);
    const statuses = await Promise.all(
      Array.from({length: 5}, async (_, i) => {
        const response = await fetch(`${server!.url}/api/v1/routes/decide`, {
          method: 'POST',
          headers: {'content-type': 'application/json', 'x-tenant-id': 'image'},
          body: JSON.stringify({
            version: '1',
            tenant_id: 'image',
            request_id: `r-${i}`,
            task: {type: 'chat', payload: {}},
          }),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    expect(statuses).toContain(200);
    expect(statuses.some((status) => status !== 200)).toBe(true);
  }, 60_000);
});
