import type {NodeResponse} from '../http-types.js';
import {reply} from './reply.js';

/** `GET /health` and `GET /_health`: c-gateway's liveness answer. */
export function answerHealth(res: NodeResponse): void {
  reply(res, 200, {status: 'healthy', timestamp: new Date().toISOString()});
}
