import http2 from 'node:http2';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {callerLeft, type NodeResponse, sendJson} from './http-types.js';

describe('answers to a caller who left (HTTP/2, where the response has no `destroyed`)', () => {
  let server: http2.Http2Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  it('sees the reset stream, and sendJson sets nothing on it', async () => {
    const seen = new Promise<{left: boolean; contentType: unknown}>((resolve) => {
      server = http2.createServer((_req, res) => {
        res.once('close', () => {
          const response = res as unknown as NodeResponse;
          sendJson(response, 503, {error: 'too late'});
          resolve({left: callerLeft(response), contentType: res.getHeader('content-type')});
        });
      });
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const client = http2.connect(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`);
    const request = client.request({':path': '/'});
    request.on('error', () => {});
    request.on('ready', () => request.close(http2.constants.NGHTTP2_CANCEL));
    try {
      expect(await seen).toEqual({left: true, contentType: undefined});
    } finally {
      client.close();
    }
  });
});
