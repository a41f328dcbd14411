import {ConnectError} from '@connectrpc/connect';
import {FAULT_HEADER} from '../../../src/contract/index.js';
import type {ApplyFaults} from '../faults/apply.js';
import {type NodeRequest, type NodeResponse, untilCallerLeaves} from '../http-types.js';
import type {Logger} from '../logger.js';
import {fromRouterError, GatewayError} from './errors.js';
import type {Forward} from './forward.js';
import type {GatewayMetrics} from '../metrics/gateway.js';
import {replyError} from './reply.js';
import {echoed, faultRateLimit, routerHeaders} from './router-door.js';
import {requestContext} from './tenant-request.js';

export interface PassThroughOptions {
  readonly forward: Forward;
  /** The server's one fault injector, as a plain function: no Router call to intercept here. */
  readonly applyFaults: ApplyFaults;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
}

/**
 * C_GATEWAY_URL: every facade request goes to the real c-gateway. A
 * decision's faults apply on this side first, as the RPC proxy applies them
 * before the upstream Router sees a call.
 */
export function createPassThrough(
  options: PassThroughOptions,
): (req: NodeRequest, res: NodeResponse, path: string, decides: boolean) => Promise<void> {
  const unreachable = (req: NodeRequest, res: NodeResponse, problem: string) => {
    options.metrics.upstreamFailed();
    options.logger.error(`gateway: ${problem}`);
    // The problem names the gateway's address: the log gets it, the caller does not.
    replyError(res, new GatewayError('unavailable', 'c-gateway is unreachable'), requestContext(req));
  };
  return async (req, res, path, decides) => {
    if (decides && req.method === 'POST' && req.headers[FAULT_HEADER]) {
      const faulted = await untilCallerLeaves(res, async (signal) => {
        try {
          const added = await options.applyFaults(routerHeaders(req), signal);
          for (const [name, value] of Object.entries(added)) {
            res.setHeader(name, value);
          }
          return false;
        } catch (reason) {
          if (!signal.aborted) {
            const fault = ConnectError.from(reason);
            // The body was never read: say so, so an HTTP/1.1 client does not reuse a connection with a body in it.
            replyError(res, fromRouterError(fault, path, Date.now(), faultRateLimit(req)), requestContext(req), {
              ...echoed(fault.metadata),
              Connection: 'close',
            });
          }
          return true;
        }
      });
      if (faulted) {
        return;
      }
    }
    options.forward(req, res, (out, problem) => unreachable(req, out, problem));
  };
}
