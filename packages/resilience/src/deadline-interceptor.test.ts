import {Code, createContextValues} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {deadlineInterceptor, deadlineKey} from './deadline-interceptor';
import {echoClient} from './echo-service.testkit';
import {VirtualClock} from './virtual-clock';

describe('deadlineInterceptor', () => {
  it('sends what is left of the deadline as the call timeout', async () => {
    const clock = new VirtualClock({start: 10_000});
    let serverTimeout: number | undefined;
    const client = echoClient(
      (_v, ctx) => {
        serverTimeout = ctx.timeoutMs();
        return 'ok';
      },
      [deadlineInterceptor({clock})],
    );
    await clock.advance(250);
    await client.say({value: 'x'}, {contextValues: createContextValues().set(deadlineKey, 10_000 + 1_000)});
    expect(serverTimeout).toBeGreaterThan(700);
    expect(serverTimeout).toBeLessThanOrEqual(750);
  });

  it('fails locally with DEADLINE_EXCEEDED once the deadline has passed (never sends timeout 0)', async () => {
    const clock = new VirtualClock({start: 5_000});
    let calls = 0;
    const client = echoClient(() => `${++calls}`, [deadlineInterceptor({clock})]);
    await expect(
      client.say({value: 'x'}, {contextValues: createContextValues().set(deadlineKey, 5_000)}),
    ).rejects.toMatchObject({code: Code.DeadlineExceeded});
    expect(calls).toBe(0);
  });

  it('keeps a shorter timeout already set on the call', async () => {
    let serverTimeout: number | undefined;
    const client = echoClient(
      (_v, ctx) => {
        serverTimeout = ctx.timeoutMs();
        return 'ok';
      },
      [deadlineInterceptor()],
    );
    await client.say(
      {value: 'x'},
      {timeoutMs: 200, contextValues: createContextValues().set(deadlineKey, Date.now() + 60_000)},
    );
    expect(serverTimeout).toBeLessThanOrEqual(200);
  });

  it('aborts the call at the deadline', async () => {
    const client = echoClient(
      (_v, ctx) =>
        new Promise<string>((resolve, reject) => {
          const t = setTimeout(() => resolve('late'), 2_000);
          ctx.signal.addEventListener('abort', () => {
            clearTimeout(t);
            reject(ctx.signal.reason);
          });
        }),
      [deadlineInterceptor()],
    );
    const started = Date.now();
    await expect(
      client.say({value: 'x'}, {contextValues: createContextValues().set(deadlineKey, Date.now() + 50)}),
    ).rejects.toMatchObject({code: Code.DeadlineExceeded});
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
