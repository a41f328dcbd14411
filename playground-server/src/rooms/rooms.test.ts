import {describe, expect, it} from 'vitest';
import {Rooms, RoomsFullError} from './rooms.js';

function virtualRooms() {
  const clock = {t: 5_000_000};
  const rooms = new Rooms({now: () => clock.t, maxRooms: 2, idleMs: 60_000});
  return {rooms, advance: (ms: number) => (clock.t += ms)};
}

describe('Rooms', () => {
  it('has a default room and gives each named room its own state', () => {
    const {rooms} = virtualRooms();
    expect(rooms.join('main')).toBe(rooms.defaultRoom);
    const a = rooms.join('a');
    a.setScenario({kind: 'outage', seconds: 30});
    expect(rooms.join('a')).toBe(a);
    expect(rooms.join('b').state().scenario.kind).toBe('calm');
    expect(rooms.defaultRoom.state().scenario.kind).toBe('calm');
    expect(rooms.list().map((room) => room.code)).toEqual(['main', 'a', 'b']);
  });

  it('refuses a new code when full instead of evicting an open room', () => {
    const {rooms} = virtualRooms();
    rooms.join('a').setScenario({kind: 'capacity', perSecond: 1});
    rooms.join('b');
    expect(() => rooms.join('c')).toThrow(RoomsFullError);
    expect(() => rooms.join('c')).toThrow(/2 rooms are open on this server/);
    expect(rooms.join('a').state().scenario.kind).toBe('capacity');
  });

  it('forgets a room idle for idleMs, which frees its place', () => {
    const {rooms, advance} = virtualRooms();
    const a = rooms.join('a');
    rooms.join('b');
    advance(40_000);
    rooms.keepOpen(a);
    advance(40_000);
    expect(rooms.list().map((room) => room.code)).toEqual(['main', 'a']);
    expect(rooms.join('c').code).toBe('c');
    expect(rooms.join('a')).toBe(a);
  });

  it('never expires the default room', () => {
    const {rooms, advance} = virtualRooms();
    const main = rooms.defaultRoom;
    advance(10 * 60_000);
    expect(rooms.join('main')).toBe(main);
  });
});
