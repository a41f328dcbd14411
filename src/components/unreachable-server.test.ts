import {describe, expect, it} from 'vitest';
import {unreachableServerHint} from './unreachable-server';

describe('unreachable server hint', () => {
  it('tells a reader on their own machine how to start the server', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]']) expect(unreachableServerHint(host)).toMatch(/npm start/);
  });

  it('never tells a workshop participant to run npm start on the facilitator’s server', () => {
    const hint = unreachableServerHint('192.168.1.23');
    expect(hint).not.toMatch(/npm/);
    expect(hint).toMatch(/server at 192\.168\.1\.23:.*facilitator/);
  });
});
