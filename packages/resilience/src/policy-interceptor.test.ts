import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {timeoutPolicy} from './deadline';
import {echoClient} from './echo-service.testkit';
import {policyInterceptor} from './policy-interceptor';
import {TokenBucket} from './token-bucket';
import {VirtualClock} from './virtual-clock';

describe('policyInterceptor', () => {
  it('a rate limiter refuses calls locally with RESOURCE_EXHAUSTED', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const client = echoClient(
      () => `${++calls}`,
      [policyInterceptor(new TokenBucket({capacity: 2, refillPerSecond: 1, clock}))],
    );
    await client.say({value: 'a'});
    await client.say({value: 'b'});
    await expect(client.say({value: 'c'})).rejects.toMatchObject({code: Code.ResourceExhausted});
    expect(calls).toBe(2);
    await clock.advance(1_000);
    await expect(client.say({value: 'd'})).resolves.toMatchObject({value: '3'});
  });

  it("a timeout policy's signal reaches the transport", async () => {
    let serverSawAbort = false;
    const client = echoClient(
      (_v, ctx) =>
        new Promise<string>((resolve) => {
          const t = setTimeout(() => resolve('late'), 2_000);
          ctx.signal.addEventListener('abort', () => {
            serverSawAbort = true;
            clearTimeout(t);
            resolve('aborted');
          });
        }),
      [policyInterceptor(timeoutPolicy(30))],
    );
    const error = await client.say({value: 'x'}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.DeadlineExceeded);
    await new Promise((r) => setTimeout(r, 20));
    expect(serverSawAbort).toBe(true);
  });
});
