import {describe, expect, it} from 'vitest';
import {withReaderHeaders} from './reader-headers';

describe('withReaderHeaders', () => {
  it("adds the tab's session and room to what the reader typed", () => {
    expect(withReaderHeaders([['content-type', 'application/json']], {room: 'abc', session: 's1'})).toEqual([
      ['content-type', 'application/json'],
      ['x-beamline-session', 's1'],
      ['x-beamline-room', 'abc'],
    ]);
  });

  it('keeps a session or room header the reader typed, whatever its case', () => {
    const typed: Array<[string, string]> = [
      ['X-Beamline-Room', 'other'],
      ['X-Beamline-Session', 'mine'],
    ];
    expect(withReaderHeaders(typed, {room: 'abc', session: 's1'})).toBe(typed);
    expect(withReaderHeaders([['X-Beamline-Room', 'other']], {room: 'abc', session: 's1'})).toEqual([
      ['X-Beamline-Room', 'other'],
      ['x-beamline-session', 's1'],
    ]);
  });

  it('adds nothing before the reader is known (server rendering)', () => {
    expect(withReaderHeaders([], {})).toEqual([]);
  });
});
