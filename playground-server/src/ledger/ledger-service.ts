import type {ServiceImpl} from '@connectrpc/connect';
import {MAX_SESSION_LENGTH, SESSION_HEADER} from '../../../src/contract/index.js';
import type {Ledger} from '@beamline/api/beamline/playground/v1/ledger_pb';
import type {LedgerStore} from './ledger-store.js';

/**
 * beamline.playground.v1.Ledger over a store built in server.ts. Each reader
 * (the playground's x-beamline-session) has a ledger of their own; callers
 * without one (grpcurl, curl) share an anonymous ledger.
 */
export function createLedgerService(store: LedgerStore): ServiceImpl<typeof Ledger> {
  return {
    append(request, context) {
      const session = context.requestHeader.get(SESSION_HEADER)?.slice(0, MAX_SESSION_LENGTH);
      return store.append(session || 'anonymous', {
        reference: request.reference,
        amountCents: request.amountCents,
        idempotencyKey: request.idempotencyKey,
      });
    },
  };
}
