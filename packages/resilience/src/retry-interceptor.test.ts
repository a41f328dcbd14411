import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {constantBackoff} from './backoff';
import {echoClient} from './echo-service.testkit';
import type {RetryEvent} from './retry';
import {retryInterceptor} from './retry-interceptor';

describe('retryInterceptor (through a real Connect client)', () => {
  it('retries UNAVAILABLE and marks retries with grpc-previous-rpc-attempts', async () => {
    const seen: (string | null)[] = [];
    const client = echoClient(
      (value, ctx) => {
        seen.push(ctx.requestHeader.get('grpc-previous-rpc-attempts'));
        if (seen.length < 3) throw new ConnectError('busy', Code.Unavailable);
        return `hi ${value}`;
      },
      [retryInterceptor({maxAttempts: 4, backoff: constantBackoff(1)})],
    );
    await expect(client.say({value: 'x'})).resolves.toMatchObject({value: 'hi x'});
    expect(seen).toEqual([null, '1', '2']);
  });

  it('emits attempt events', async () => {
    const events: RetryEvent[] = [];
    let calls = 0;
    const client = echoClient(() => {
      if (++calls === 1) throw new ConnectError('busy', Code.Unavailable);
      return 'ok';
    }, [retryInterceptor({backoff: constantBackoff(1), onEvent: (e) => events.push(e)})]);
    await client.say({value: 'x'});
    expect(events.filter((e) => e.type === 'attempt').map((e) => e.type === 'attempt' && e.outcome)).toEqual([
      'failure',
      'success',
    ]);
  });

  it('honours the server pushback carried in the error metadata', async () => {
    const seen: number[] = [];
    const client = echoClient(() => {
      seen.push(Date.now());
      if (seen.length === 1) throw new ConnectError('busy', Code.Unavailable, {'grpc-retry-pushback-ms': '60'});
      return 'ok';
    }, [retryInterceptor({backoff: constantBackoff(0)})]);
    await client.say({value: 'x'});
    expect((seen[1] as number) - (seen[0] as number)).toBeGreaterThanOrEqual(55);
  });

  it("learns the call's deadline from its timeout header: no sleep past it, later attempts carry what is left", async () => {
    const timeouts: string[] = [];
    const client = echoClient(
      (_value, ctx) => {
        timeouts.push(ctx.requestHeader.get('connect-timeout-ms') ?? '');
        throw new ConnectError('busy', Code.Unavailable);
      },
      [retryInterceptor({maxAttempts: 5, backoff: constantBackoff(120)})],
    );
    const started = Date.now();
    const error = await client.say({value: 'x'}, {timeoutMs: 300}).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({code: Code.Unavailable}); // the last server error, not a timeout
    // attempts at ≈0, ≈120, ≈240; the next sleep would end at ≈360 ≥ 300: stop
    expect(timeouts).toHaveLength(3);
    expect(timeouts[0]).toBe('300');
    expect(Number(timeouts[1])).toBeLessThanOrEqual(180);
    expect(Number(timeouts[2])).toBeLessThanOrEqual(60);
    expect(elapsed).toBeLessThan(300);
  });

  it('passes non-retryable errors straight through', async () => {
    let calls = 0;
    const client = echoClient(() => {
      calls++;
      throw new ConnectError('bad', Code.InvalidArgument);
    }, [retryInterceptor({maxAttempts: 5, backoff: constantBackoff(1)})]);
    await expect(client.say({value: 'x'})).rejects.toMatchObject({code: Code.InvalidArgument});
    expect(calls).toBe(1);
  });
});
