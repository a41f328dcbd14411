/** Raw requests, for what a generated client never sends: malformed bodies, envelopes, headers. */
import http from 'node:http';
import type http2 from 'node:http2';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** HTTP/2 trailers (gRPC); empty over HTTP/1.1. */
  readonly trailers: Record<string, string>;
  readonly body: Buffer;
}

export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
}

/** One HTTP/1.1 request on a fresh connection (no pooling: a broken request cannot poison the next). */
export function http1Request(base: string, request: RawRequest, agent?: http.Agent): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const {hostname, port} = new URL(base);
    // The path goes on the request line as given: `http://x/api/…` is an absolute-form target.
    const req = http.request(
      {
        host: hostname,
        port,
        path: request.path,
        method: request.method ?? 'POST',
        headers: request.headers ?? {},
        agent: agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: flatten(res.headers),
            trailers: flatten(res.trailers),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body === undefined ? undefined : Buffer.from(request.body));
  });
}

/** One HTTP/2 request on an open session (h2c). */
export function http2Request(session: http2.ClientHttp2Session, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ':method': request.method ?? 'POST',
      ':path': request.path,
      ...request.headers,
    });
    let status = 0;
    let headers: Record<string, string> = {};
    let trailers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      headers = flatten(h);
    });
    stream.on('trailers', (t) => (trailers = flatten(t)));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve({status, headers, trailers, body: Buffer.concat(chunks)}));
    stream.on('error', reject);
    stream.end(request.body === undefined ? undefined : Buffer.from(request.body));
  });
}

/** A gRPC / gRPC-Web / Connect-streaming envelope: flags, 4-byte big-endian length, data. */
export function envelope(data: Uint8Array, flags = 0): Uint8Array {
  const bytes = Buffer.alloc(5 + data.byteLength);
  bytes[0] = flags;
  bytes.writeUInt32BE(data.byteLength, 1);
  bytes.set(data, 5);
  return bytes;
}

/** The grpc-status of a gRPC-Web answer: from its headers, or from the trailer frame in its body. */
export function grpcWebStatus(response: RawResponse): string | undefined {
  if (response.headers['grpc-status'] !== undefined) {
    return response.headers['grpc-status'];
  }
  let offset = 0;
  const body = response.body;
  while (offset + 5 <= body.length) {
    const flags = body[offset]!;
    const length = body.readUInt32BE(offset + 1);
    const data = body.subarray(offset + 5, offset + 5 + length);
    if (flags & 0x80) {
      return /grpc-status:\s*(\d+)/i.exec(data.toString('latin1'))?.[1];
    }
    offset += 5 + length;
  }
  return undefined;
}

function flatten(headers: http.IncomingHttpHeaders | NodeJS.Dict<string | string[]>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[key] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return flat;
}
