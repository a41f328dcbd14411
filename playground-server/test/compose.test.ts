/**
 * docker-compose.yml and deploy/: no Docker engine runs here, so the file is
 * validated by `docker-compose config` (Debian's docker-compose, installed
 * by .ci/run) and read as YAML to check that it hangs together: every
 * dependency exists and starts in order, every service has a health check
 * on a port it listens on, every URL between services names a port its
 * target listens on (and waits for it), Prometheus scrapes real ports, and
 * the Grafana dashboard only charts metrics the server exports.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {silentLogger} from '../src/logger.js';
import {startServer, type RunningServer} from '../src/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: string | {context: string};
  command?: string[];
  environment?: Record<string, string>;
  expose?: string[];
  ports?: string[];
  depends_on?: Record<string, {condition: string}>;
  healthcheck?: {test: string[]};
  volumes?: string[];
}

const compose = parse(read('docker-compose.yml')) as {services: Record<string, Service>};
const services = compose.services;
const names = Object.keys(services);

/** The container ports a service listens on: `expose` plus the container side of `ports`. */
function listening(service: Service): Set<number> {
  const ports = new Set((service.expose ?? []).map(Number));
  for (const mapping of service.ports ?? []) {
    ports.add(Number(mapping.split(':').at(-1)));
  }
  return ports;
}

/** host:port pairs naming another service in a string (URLs, scrape targets). */
function serviceAddresses(text: string): {host: string; port: number}[] {
  return [...text.matchAll(/(?:^|[/"'\s[])([a-z][a-z0-9-]*):(\d{2,5})\b/g)]
    .filter((match) => names.includes(match[1]!))
    .map((match) => ({host: match[1]!, port: Number(match[2])}));
}

describe('docker-compose.yml', () => {
  it('is valid for docker-compose (docker-compose config)', () => {
    let version: string;
    try {
      version = execFileSync('docker-compose', ['version', '--short'], {encoding: 'utf8'});
    } catch {
      throw new Error('docker-compose is not installed: `apt-get install docker-compose` (.ci/run does)');
    }
    expect(version).toMatch(/^\d+\./);
    execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '--quiet'], {cwd: root, stdio: 'pipe'});
  });

  it('has the whole stack', () => {
    expect(names.sort()).toEqual(['c-gateway', 'grafana', 'nats', 'playground-server', 'prometheus', 'router']);
    expect(services.nats!.command).toContain('-js');
  });

  it('starts in an order: dependencies exist, form no cycle, and wait for health checks', () => {
    const order: string[] = [];
    const visit = (name: string, path: string[]) => {
      expect(path, `dependency cycle ${[...path, name].join(' → ')}`).not.toContain(name);
      if (order.includes(name)) return;
      for (const [dependency, {condition}] of Object.entries(services[name]!.depends_on ?? {})) {
        expect(names, `${name} depends on unknown ${dependency}`).toContain(dependency);
        expect(condition).toBe('service_healthy');
        expect(services[dependency]!.healthcheck, `${dependency} has no health check`).toBeDefined();
        visit(dependency, [...path, name]);
      }
      order.push(name);
    };
    names.forEach((name) => visit(name, []));
    expect(order.indexOf('nats')).toBeLessThan(order.indexOf('router'));
    expect(order.indexOf('router')).toBeLessThan(order.indexOf('playground-server'));
  });

  it.each(names)('%s: its health check probes a port it listens on; published ports are its own', (name) => {
    const service = services[name]!;
    const test = service.healthcheck?.test.join(' ') ?? '';
    const probed = [...test.matchAll(/(?:127\.0\.0\.1|localhost)[: ](\d+)/g)].map((m) => Number(m[1]));
    expect(probed.length, `${name}: health check names no port`).toBeGreaterThan(0);
    for (const port of probed) {
      expect([...listening(service)], `${name} probes ${port}`).toContain(port);
    }
    for (const mapping of service.ports ?? []) {
      expect((service.expose ?? []).map(Number)).toContain(Number(mapping.split(':').at(-1)));
    }
  });

  it('publishes each host port once', () => {
    const hostPorts = names.flatMap((name) => (services[name]!.ports ?? []).map((mapping) => mapping.split(':')[0]));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it.each(names)(
    '%s: every service URL it is given names a port that service listens on, and it waits for it',
    (name) => {
      const service = services[name]!;
      for (const value of Object.values(service.environment ?? {})) {
        for (const {host, port} of serviceAddresses(String(value))) {
          expect([...listening(services[host]!)], `${name} → ${host}:${port}`).toContain(port);
          expect(Object.keys(service.depends_on ?? {}), `${name} uses ${host} without waiting for it`).toContain(host);
        }
      }
    },
  );

  it('runs each server on the port it listens on', () => {
    expect(listening(services['playground-server']!)).toContain(
      Number(services['playground-server']!.environment!.PORT),
    );
    expect(listening(services['c-gateway']!)).toContain(Number(services['c-gateway']!.environment!.GATEWAY_PORT));
    expect(listening(services.router!)).toContain(Number(services.router!.environment!.ROUTER_GRPC_PORT));
    expect(listening(services.router!)).toContain(Number(services.router!.environment!.ROUTER_METRICS_PORT));
  });

  it("builds playground-server from this repository's Dockerfile, which exposes its port", () => {
    expect(services['playground-server']!.build).toBe('.');
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${services['playground-server']!.environment!.PORT}$`, 'm'));
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "playground-server\/src\/main\.ts"\]$/m);
  });

  it('mounts only files that exist in the repository', () => {
    for (const name of names) {
      for (const volume of services[name]!.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./')) {
          expect(existsSync(path.join(root, source)), `${name} mounts ${source}`).toBe(true);
        }
      }
    }
  });
});

describe('deploy/', () => {
  it('Prometheus scrapes playground-server, c-gateway and the router on ports they listen on', () => {
    const config = parse(read('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: {job_name: string; static_configs: {targets: string[]}[]}[];
    };
    const jobs = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((c) => c.targets)]),
    );
    expect(Object.keys(jobs).sort()).toEqual(['c-gateway', 'playground-server', 'router']);
    for (const targets of Object.values(jobs)) {
      for (const target of targets) {
        const [host, port] = target.split(':');
        expect([...listening(services[host!]!)], target).toContain(Number(port));
        expect(Object.keys(services.prometheus!.depends_on ?? {})).toContain(host);
      }
    }
  });

  it("Grafana's datasource is the compose Prometheus, and the dashboard uses it", () => {
    const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: {uid: string; url: string}[];
    };
    const [source] = datasources.datasources;
    const {host, port} = serviceAddresses(source!.url)[0]!;
    expect(host).toBe('prometheus');
    expect([...listening(services.prometheus!)]).toContain(port);
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/beamline-playground.json'));
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid, panel.title).toBe(source!.uid);
    }
  });

  describe('the dashboard', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({logger: silentLogger});
    });
    afterAll(() => server.close());

    it('charts only metrics the playground-server exports', async () => {
      // One call of each kind, so that every labelled series exists.
      await fetch(`${server.url}/beamline.flow.v1.Router/Decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: '{}',
      });
      const exported = new Set(
        (await (await fetch(`${server.url}/metrics`)).text())
          .split('\n')
          .filter((line) => line.startsWith('# TYPE '))
          .map((line) => line.split(' ')[2]!),
      );
      const dashboard = JSON.parse(read('deploy/grafana/dashboards/beamline-playground.json'));
      const used = new Set<string>();
      for (const panel of dashboard.panels) {
        for (const target of panel.targets) {
          for (const match of (target.expr as string).matchAll(
            /\b((?:playground|gateway|nodejs|process)_[a-z0-9_]+)/g,
          )) {
            used.add(match[1]!.replace(/_(bucket|count|sum)$/, ''));
          }
        }
      }
      expect(used.size).toBeGreaterThan(5);
      expect([...used].filter((name) => !exported.has(name))).toEqual([]);
    });
  });
});
