import {readFileSync} from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

/**
 * The hedging page's "gRPC service config" tab, run by @grpc/grpc-js (which
 * implements A6 hedging) with exactly the tab's JSON, read from the page so
 * the two cannot drift. A raw-bytes service stands in for the Router: what
 * is under test is the client's hedging, not the message.
 */
const page = readFileSync(new URL('../../../docs/resilience/hedging.mdx', import.meta.url), 'utf8');
const tab = page.slice(page.indexOf('<TabItem value="grpc"'));
const serviceConfig = JSON.parse(/```json\n([\s\S]*?)```/.exec(tab)?.[1] ?? 'null');

const path = '/beamline.flow.v1.Router/Decide';
const bytes = {serialize: (b: Buffer) => b, deserialize: (b: Buffer) => b};
const definition = {
  Decide: {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: bytes.serialize,
    requestDeserialize: bytes.deserialize,
    responseSerialize: bytes.serialize,
    responseDeserialize: bytes.deserialize,
  },
};

/** Per call number: how long to take and whether to fail UNAVAILABLE. */
let script: Array<{ms: number; fail?: grpc.status}> = [];
let arrivals: number[] = [];
let cancelled: number[] = [];
let origin = 0;

describe("the hedging page's service config, run by @grpc/grpc-js", () => {
  let server: grpc.Server;
  let client: grpc.Client;

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(definition, {
      Decide(call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) {
        const n = arrivals.push(Date.now() - origin);
        const {ms, fail} = script[n - 1] ?? {ms: 0};
        const timer = setTimeout(
          () =>
            fail !== undefined
              ? callback({code: fail, details: `call ${n} failed`})
              : callback(null, Buffer.from(`answer ${n}`)),
          ms,
        );
        call.on('cancelled', () => {
          clearTimeout(timer);
          cancelled.push(n);
        });
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      'grpc.service_config': JSON.stringify(serviceConfig),
    });
    // Connect first: attempts made while the channel connects all wait for it and arrive together.
    await new Promise<void>((resolve, reject) =>
      client.waitForReady(Date.now() + 5_000, (error) => (error ? reject(error) : resolve())),
    );
  });

  afterAll(() => {
    client?.close();
    server?.forceShutdown();
  });

  function decide(): Promise<{answer: string; at: number}> {
    arrivals = [];
    cancelled = [];
    origin = Date.now();
    return new Promise((resolve, reject) =>
      client.makeUnaryRequest(path, bytes.serialize, bytes.deserialize, Buffer.from('m-1'), (error, value) =>
        error ? reject(error) : resolve({answer: String(value), at: Date.now() - origin}),
      ),
    );
  }

  it('states maxAttempts 3, hedgingDelay 0.06s and UNAVAILABLE as non-fatal, like the playground', () => {
    expect(serviceConfig.methodConfig[0].hedgingPolicy).toEqual({
      maxAttempts: 3,
      hedgingDelay: '0.06s',
      nonFatalStatusCodes: ['UNAVAILABLE'],
    });
  });

  it('a slow original: a hedge goes out after 60 ms, wins, and the original is cancelled', async () => {
    script = [{ms: 800}, {ms: 5}];
    const {answer, at} = await decide();
    expect(answer).not.toBe('answer 1');
    expect(arrivals[1]).toBeGreaterThanOrEqual(55); // ms after the client made the call
    expect(at).toBeLessThan(800);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cancelled).toContain(1);
  });

  it('a non-fatal UNAVAILABLE lets the next hedge answer; a fatal code is the answer', async () => {
    script = [{ms: 0, fail: grpc.status.UNAVAILABLE}, {ms: 5}];
    expect((await decide()).answer).toBe('answer 2');
    script = [{ms: 0, fail: grpc.status.INVALID_ARGUMENT}, {ms: 5}];
    // Even with a hedge that would answer OK 5 ms later, the fatal status is the answer.
    await expect(decide()).rejects.toMatchObject({code: grpc.status.INVALID_ARGUMENT});
  });

  it('never more than maxAttempts calls, even when all are slow', async () => {
    script = [{ms: 400}, {ms: 400}, {ms: 400}, {ms: 400}];
    await decide();
    expect(arrivals).toHaveLength(3);
  });
});
