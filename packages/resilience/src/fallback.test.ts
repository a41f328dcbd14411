import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {FallbackCache, withFallback} from './fallback';
import {VirtualClock} from './virtual-clock';

const down = () => Promise.reject(new ConnectError('router down', Code.Unavailable));

function setup(ttlMs = 1_000, staleIfErrorMs = 5_000) {
  const clock = new VirtualClock();
  const cache = new FallbackCache<string>({ttlMs, staleIfErrorMs, clock, maxEntries: 2});
  let calls = 0;
  const up = async () => `route ${++calls}`;
  return {clock, cache, up, calls: () => calls};
}

describe('withFallback (cache-aside + RFC 5861 stale-if-error + static default)', () => {
  it('answers from the Router on a miss, then from the fresh cache without calling until the TTL ends', async () => {
    const {clock, cache, up, calls} = setup();
    expect(await withFallback('k', up, {cache})).toEqual({value: 'route 1', source: 'router', ageMs: 0});
    await clock.advance(999);
    expect(await withFallback('k', up, {cache})).toEqual({value: 'route 1', source: 'fresh-cache', ageMs: 999});
    await clock.advance(1);
    expect((await withFallback('k', up, {cache})).source).toBe('router');
    expect(calls()).toBe(2);
  });

  it('serves the stale answer for a failure up to ttl + staleIfError, then the default', async () => {
    const {clock, cache, up} = setup();
    await withFallback('k', up, {cache});
    await clock.advance(5_999);
    const stale = await withFallback('k', down, {cache, fallback: () => 'default route'});
    expect(stale).toMatchObject({value: 'route 1', source: 'stale-cache', ageMs: 5_999});
    expect(ConnectError.from(stale.error).code).toBe(Code.Unavailable);
    await clock.advance(1);
    expect(await withFallback('k', down, {cache, fallback: () => 'default route'})).toMatchObject({
      value: 'default route',
      source: 'default',
    });
  });

  it('throws the failure when nothing cached is usable and there is no default', async () => {
    const {cache} = setup();
    await expect(withFallback('k', down, {cache})).rejects.toMatchObject({code: Code.Unavailable});
  });

  it('never hides a caller bug: INVALID_ARGUMENT is thrown even with a stale entry and a default', async () => {
    const {clock, cache, up} = setup();
    await withFallback('k', up, {cache});
    await clock.advance(1_500);
    const bad = () => Promise.reject(new ConnectError('message_id is required', Code.InvalidArgument));
    await expect(withFallback('k', bad, {cache, fallback: () => 'x'})).rejects.toMatchObject({
      code: Code.InvalidArgument,
    });
  });

  it('ttl 0 calls the Router every time; staleIfError 0 never serves stale', async () => {
    const {cache, up, calls} = setup(0, 0);
    await withFallback('k', up, {cache});
    await withFallback('k', up, {cache});
    expect(calls()).toBe(2);
    expect((await withFallback('k', down, {cache, fallback: () => 'd'})).source).toBe('default');
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const {cache, up} = setup();
    await withFallback('a', up, {cache});
    await withFallback('b', up, {cache});
    await withFallback('a', up, {cache}); // a is now the most recent
    await withFallback('c', up, {cache});
    expect(cache.ageOf('b')).toBeUndefined();
    expect(cache.ageOf('a')).toBe(0);
  });
});
