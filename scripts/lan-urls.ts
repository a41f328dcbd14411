/**
 * Where participants can reach a server started on this machine: what
 * `npm run serve` and `npm run workshop` print, with a QR code to scan.
 */
import {networkInterfaces, type NetworkInterfaceInfo} from 'node:os';
import qrcode from 'qrcode-terminal';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Virtual bridges (containers, VMs) come after the real network cards. */
const virtual = /^(docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|podman|lxc)/;

const wildcard = new Set(['0.0.0.0', '::', '']);

/**
 * `http://<address>:<port>/` for every non-loopback IPv4 address when the
 * server listens on all interfaces, real network cards first; only the one
 * address it listens on otherwise.
 */
export function participantUrls(host: string, port: number, interfaces: Interfaces = networkInterfaces()): string[] {
  if (!wildcard.has(host)) {
    return isLoopback(host) ? [] : [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`];
  }
  return Object.entries(interfaces)
    .flatMap(([name, infos]) =>
      (infos ?? []).filter((info) => info.family === 'IPv4' && !info.internal).map((info) => ({name, info})),
    )
    .sort((a, b) => Number(virtual.test(a.name)) - Number(virtual.test(b.name)))
    .map(({info}) => `http://${info.address}:${port}/`);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The lines to print: every participant URL and a QR code of the first one. */
export function whereToConnect(host: string, port: number, interfaces: Interfaces = networkInterfaces()): string {
  const urls = participantUrls(host, port, interfaces);
  const lines = [`On this machine:  http://localhost:${port}/`];
  if (urls.length === 0) {
    lines.push(
      isLoopback(host)
        ? `Participants cannot reach it: HOST=${host} listens on this machine only. Unset HOST to open it to the network.`
        : 'Participants cannot reach it: this machine has no network address (connect it to the room network first).',
    );
    return lines.join('\n');
  }
  lines.push('Participants open (any of these, in a browser; nothing to install):');
  for (const url of urls) lines.push(`  ${url}`);
  let code = '';
  qrcode.generate(urls[0]!, {small: true}, (text) => (code = text));
  lines.push(`Scan to open ${urls[0]}:`, code);
  return lines.join('\n');
}
