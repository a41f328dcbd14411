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

export function sendJson(res: NodeResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function send(res: NodeResponse, status: number, contentType: string, body: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('Cache-Control', 'no-store');
  res.writeHead(status);
  res.end(body);
}
