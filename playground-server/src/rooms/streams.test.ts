import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it} from 'vitest';
import type {NodeResponse} from '../http-types.js';
import {Rooms} from './rooms.js';
import {RoomStreams} from './streams.js';

/** Just enough of a response to see what a stream writes. */
class FakeResponse extends EventEmitter {
  status = 0;
  text = '';
  ended = false;
  setHeader() {}
  writeHead(status: number) {
    this.status = status;
  }
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
  end(chunk?: string) {
    if (chunk) this.text += chunk;
    this.ended = true;
  }
  events(name: string) {
    return this.text.split('\n\n').filter((block) => block.startsWith(`event: ${name}\n`));
  }
}

const open: RoomStreams[] = [];
afterEach(() => {
  for (const streams of open.splice(0)) streams.close();
});

function setup(limits: {maxBanners?: number; maxDashboardsPerRoom?: number} = {}) {
  const rooms = new Rooms();
  const streams = new RoomStreams({rooms, tickMs: 20, ...limits});
  open.push(streams);
  const connect = (code: string, dashboard: boolean) => {
    const res = new FakeResponse();
    streams.open(rooms.join(code), res as unknown as NodeResponse, {dashboard});
    return res;
  };
  return {rooms, streams, connect};
}

describe('RoomStreams', () => {
  it('bounds dashboards per room and banners overall, refusing the extra one with 503 and why', () => {
    const {connect} = setup({maxBanners: 2, maxDashboardsPerRoom: 1});
    expect(connect('a', true).status).toBe(200);
    const second = connect('a', true);
    expect(second.status).toBe(503);
    expect(second.text).toContain('room \\"a\\" already has 1 dashboards open');
    expect(connect('b', true).status).toBe(200);
    connect('a', false);
    connect('b', false);
    expect(connect('c', false).status).toBe(503);
  });

  it('frees a place when a stream closes', () => {
    const {connect, streams} = setup({maxDashboardsPerRoom: 1});
    const first = connect('a', true);
    first.emit('close');
    expect(streams.size).toBe(0);
    expect(connect('a', true).status).toBe(200);
  });

  it("pushes a switch to that room's streams at once, and only to them", () => {
    const {connect, rooms, streams} = setup();
    const inA = connect('a', false);
    const inB = connect('b', false);
    rooms.join('a').setScenario({kind: 'capacity', perSecond: 3});
    streams.changed(rooms.join('a'));
    expect(inA.events('scenario')).toHaveLength(2);
    expect(inA.events('scenario')[1]).toContain('"perSecond":3');
    expect(inB.events('scenario')).toHaveLength(1);
  });

  it('ticks the aggregate to dashboards only, and tells banners when an outage ends by itself', async () => {
    const {connect, rooms} = setup();
    rooms.join('a').setScenario({kind: 'outage', seconds: 1});
    const dashboard = connect('a', true);
    const banner = connect('a', false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(dashboard.events('aggregate').length).toBeGreaterThan(3);
    expect(banner.events('aggregate')).toHaveLength(0);
    expect(banner.events('scenario').at(-1)).toContain('"kind":"calm"');
  });

  it('ends every stream on close', () => {
    const {connect, streams} = setup();
    const res = connect('a', false);
    streams.close();
    expect(res.ended).toBe(true);
  });
});
