import {describe, expect, it} from 'vitest';
import {realClock} from './clock';

describe('realClock', () => {
  it('now() is wall-clock epoch ms', () => {
    expect(Math.abs(realClock.now() - Date.now())).toBeLessThan(50);
  });

  it('sleep waits about that long', async () => {
    const t0 = performance.now();
    await realClock.sleep(30);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
  });

  it('an aborted sleep rejects with the reason, at once', async () => {
    const controller = new AbortController();
    const t0 = performance.now();
    const slept = realClock.sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
    expect(performance.now() - t0).toBeLessThan(1_000);
    await expect(realClock.sleep(10, controller.signal)).rejects.toThrow('stop');
  });
});
