import {describe, expect, it} from 'vitest';
import {ROOM_HEADER} from '../../contract/room';
import {withRoomHeader} from './room-header';

describe('withRoomHeader', () => {
  it("adds the tab's room to what the reader typed", () => {
    expect(withRoomHeader([['content-type', 'application/json']], 'abc')).toEqual([
      ['content-type', 'application/json'],
      [ROOM_HEADER, 'abc'],
    ]);
  });

  it('keeps a room header the reader typed, whatever its case', () => {
    const typed: Array<[string, string]> = [['X-Beamline-Room', 'other']];
    expect(withRoomHeader(typed, 'abc')).toBe(typed);
  });

  it('adds nothing before the room is known (server rendering)', () => {
    expect(withRoomHeader([], undefined)).toEqual([]);
  });
});
