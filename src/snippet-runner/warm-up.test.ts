import {afterEach, describe, expect, it, vi} from 'vitest';
import {warmUp} from './warm-up';

describe('warmUp', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs the Router client end to end without reaching any server', async () => {
    const network = vi.fn(() => Promise.reject(new Error('a spare worker must not call the server')));
    vi.stubGlobal('fetch', network);
    await expect(warmUp()).resolves.toBeUndefined();
    expect(network).not.toHaveBeenCalled();
  });
});
