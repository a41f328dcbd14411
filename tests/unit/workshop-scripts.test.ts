import {mkdir, mkdtemp, rm, utimes, writeFile} from 'node:fs/promises';
import type {NetworkInterfaceInfo} from 'node:os';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {whyBuild} from '../../scripts/build-freshness';
import {participantUrls, whereToConnect} from '../../scripts/lan-urls';

const nic = (address: string, family: 'IPv4' | 'IPv6' = 'IPv4', internal = false) =>
  ({address, family, internal, netmask: '', mac: '', cidr: null}) as unknown as NetworkInterfaceInfo;

const laptop = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  docker0: [nic('172.17.0.1')],
  wlan0: [nic('192.168.1.23'), nic('fe80::1', 'IPv6')],
  eth0: [nic('10.0.0.5')],
};

describe('participant URLs (npm run serve, npm run workshop)', () => {
  it('lists every non-loopback IPv4 address when listening on all interfaces, real cards first', () => {
    expect(participantUrls('0.0.0.0', 3000, laptop)).toEqual([
      'http://192.168.1.23:3000/',
      'http://10.0.0.5:3000/',
      'http://172.17.0.1:3000/',
    ]);
  });

  it('lists only the address the server listens on, and nothing for loopback', () => {
    expect(participantUrls('10.0.0.5', 8080, laptop)).toEqual(['http://10.0.0.5:8080/']);
    expect(participantUrls('127.0.0.1', 3000, laptop)).toEqual([]);
  });

  it('prints the URLs with a QR code, or says why participants cannot connect', () => {
    const printed = whereToConnect('0.0.0.0', 3000, laptop);
    expect(printed).toContain('  http://192.168.1.23:3000/\n  http://10.0.0.5:3000/');
    expect(printed).toContain('Scan to open http://192.168.1.23:3000/');
    expect(printed).toMatch(/[█▀▄]{20}/);
    expect(whereToConnect('127.0.0.1', 3000, laptop)).toMatch(/cannot reach it: HOST=127\.0\.0\.1/);
    expect(whereToConnect('0.0.0.0', 3000, {lo: laptop.lo})).toMatch(/no network address/);
  });
});

describe('build freshness (npm run workshop builds only when needed)', () => {
  let root: string;
  const at = (file: string, seconds: number) => utimes(path.join(root, file), seconds, seconds);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'freshness-'));
    await mkdir(path.join(root, 'docs/guide'), {recursive: true});
    await writeFile(path.join(root, 'docs/guide/page.mdx'), '# page');
    await writeFile(path.join(root, 'sidebars.ts'), 'export default {}');
  });
  afterAll(() => rm(root, {recursive: true, force: true}));

  it('builds when there is no build, or when an input is newer than it', async () => {
    expect(await whyBuild(root, path.join(root, 'build'))).toMatch(/no built site/);
    await mkdir(path.join(root, 'build'));
    await writeFile(path.join(root, 'build/index.html'), '<h1>built</h1>');
    await at('docs/guide/page.mdx', 1_000);
    await at('docs/guide', 1_000);
    await at('docs', 1_000);
    await at('sidebars.ts', 1_000);
    await at('build/index.html', 2_000);
    expect(await whyBuild(root, path.join(root, 'build'))).toBeUndefined();
    await at('docs/guide/page.mdx', 3_000);
    expect(await whyBuild(root, path.join(root, 'build'))).toBe('docs changed since the last build');
  });
});
