import type {IncomingHttpHeaders} from 'node:http2';
import type {ConnectNodeAdapterOptions} from '@connectrpc/connect-node';

/**
 * Requests reach the same handlers over HTTP/1.1 and over HTTP/2; these are
 * connect-node's names for either, which it does not export by themselves.
 */
type NodeHandler = NonNullable<ConnectNodeAdapterOptions['fallback']>;
export type NodeRequest = Parameters<NodeHandler>[0];
export type NodeResponse = Parameters<NodeHandler>[1];

export function sendText(res: NodeResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text);
}

/** A JSON answer; `headers` are set last, so they may also replace the content type. */
export function sendJson(
  res: NodeResponse,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

function send(
  res: NodeResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  // Nobody to answer, or the answer has begun: a late error has nowhere to go.
  if (res.headersSent || callerLeft(res)) {
    return;
  }
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) {
    res.setHeader(name, value);
  }
  res.writeHead(status);
  res.end(body);
}

/**
 * Runs `work` with a signal that aborts when the caller goes away (the
 * response closes before it is sent), so injected waits and the Router's
 * work stop with it.
 */
export async function untilCallerLeaves<T>(res: NodeResponse, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const left = new AbortController();
  const onClose = () => left.abort();
  res.once('close', onClose);
  try {
    return await work(left.signal);
  } finally {
    res.off('close', onClose);
  }
}

/** The named fields of `from` that are present, as a plain header record. */
export function pickHeaders(from: Headers, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = from.get(name);
    if (value !== null) {
      picked[name] = value;
    }
  }
  return picked;
}

/** Node's header fields as web Headers, pseudo-headers left out, as connect-es reads them. */
export function webHeaders(node: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const name in node) {
    const value = node[name];
    if (name.startsWith(':') || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
  }
  return headers;
}

/**
 * The caller hung up before the answer: the connection (HTTP/1.1) or the
 * stream (HTTP/2) is gone. Node's HTTP/2 compatibility response has no
 * `destroyed` of its own.
 */
export function callerLeft(res: NodeResponse): boolean {
  return res.destroyed || ('stream' in res && res.stream.destroyed);
}

/** A request header as one string (repeated fields joined), or undefined. */
export function header(req: NodeRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Web Headers as a Node header record, a repeated field as an array. */
export function nodeHeaders(headers: Headers): Record<string, string | string[]> {
  const node: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    const existing = node[name];
    node[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  });
  return node;
}
