import {type NodeResponse, sendJson} from '../http-types.js';
import {type ErrorContext, errorBody, type GatewayError} from './errors.js';

/** c-gateway's content type, exactly: clients written for it may compare it whole. */
const GATEWAY_JSON = 'application/json';

/** A facade answer: JSON in c-gateway's content type. */
export function reply(
  res: NodeResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(res, status, body, {...headers, 'Content-Type': GATEWAY_JSON});
}

/** A facade refusal in c-gateway's error envelope, with the error's own headers (Retry-After, X-RateLimit-*). */
export function replyError(
  res: NodeResponse,
  error: GatewayError,
  context: ErrorContext,
  headers: Readonly<Record<string, string>> = {},
): void {
  reply(res, error.status, errorBody(error, context), {...headers, ...error.headers});
}
