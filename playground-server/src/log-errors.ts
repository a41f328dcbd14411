import {Code, ConnectError, type Interceptor} from '@connectrpc/connect';
import type {Logger} from './logger.js';

/**
 * A handler that throws something other than a ConnectError has a bug: log
 * it here, with its stack, and give the client only "internal error".
 */
export function createErrorLogInterceptor(logger: Logger): Interceptor {
  return (next) => async (req) => {
    try {
      return await next(req);
    } catch (error) {
      if (error instanceof ConnectError) {
        throw error;
      }
      logger.error(`${req.service.typeName}/${req.method.name} failed`, error, {
        correlation_id: req.header.get('x-correlation-id') ?? undefined,
      });
      throw new ConnectError('internal error', Code.Internal);
    }
  };
}
