import {Code, ConnectError} from '@connectrpc/connect';
import {LRUCache} from 'lru-cache';

/**
 * The ledger behind the "Safe retries" lesson: per reader, one entry per
 * processed call, and idempotency keys that store the first result and
 * replay it. The key rules are the IETF draft "The Idempotency-Key HTTP
 * Header Field" (draft-ietf-httpapi-idempotency-key-header) and Stripe's
 * idempotent requests, which it describes:
 * - the first request with a key is processed and its result stored;
 * - a later request with the same key and the same parameters gets the
 *   stored result, and nothing is done again;
 * - the same key with different parameters is refused (the draft's 422;
 *   INVALID_ARGUMENT here), never silently replayed;
 * - keys expire (Stripe: after 24 h; here `keyTtlMs`).
 * Appending is synchronous in this process, so a second call with a key
 * always finds the first one finished: the draft's 409 "request in progress"
 * cannot happen here.
 *
 * Everything is bounded: readers, keys and references per reader (least
 * recently used go first), key and reference lengths.
 */
export interface LedgerLimits {
  readonly maxReaders: number;
  readonly maxKeysPerReader: number;
  readonly maxReferencesPerReader: number;
  readonly keyTtlMs: number;
  readonly maxKeyLength: number;
  readonly maxReferenceLength: number;
  readonly maxAmountCents: number;
}

export const DEFAULT_LEDGER_LIMITS: LedgerLimits = {
  maxReaders: 2_000,
  maxKeysPerReader: 1_000,
  maxReferencesPerReader: 1_000,
  keyTtlMs: 10 * 60_000,
  maxKeyLength: 128,
  maxReferenceLength: 128,
  maxAmountCents: 100_000_000_000,
};

export interface AppendInput {
  readonly reference: string;
  readonly amountCents: bigint;
  readonly idempotencyKey: string;
}

export interface AppendResult {
  readonly entryId: string;
  readonly entriesForReference: number;
  readonly replayed: boolean;
  readonly balanceCents: bigint;
}

interface StoredResult {
  readonly fingerprint: string;
  readonly result: AppendResult;
}

interface ReaderLedger {
  entries: number;
  balanceCents: bigint;
  readonly perReference: LRUCache<string, number>;
  readonly keys: LRUCache<string, StoredResult>;
}

export class LedgerStore {
  private readonly readers: LRUCache<string, ReaderLedger>;

  constructor(
    private readonly limits: LedgerLimits = DEFAULT_LEDGER_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.readers = new LRUCache({max: limits.maxReaders});
  }

  append(reader: string, input: AppendInput): AppendResult {
    const {reference, amountCents, idempotencyKey} = this.validate(input);
    const ledger = this.ledgerOf(reader);
    const fingerprint = `${reference}\u0000${amountCents}`;
    if (idempotencyKey !== '') {
      const stored = ledger.keys.get(idempotencyKey);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw new ConnectError(
            `idempotency_key ${JSON.stringify(idempotencyKey)} was first used for another request ` +
              `(reference or amount differ); use a new key for a new request`,
            Code.InvalidArgument,
          );
        }
        return {...stored.result, replayed: true};
      }
    }
    ledger.entries += 1;
    ledger.balanceCents += amountCents;
    const entriesForReference = (ledger.perReference.get(reference) ?? 0) + 1;
    ledger.perReference.set(reference, entriesForReference);
    const result: AppendResult = {
      entryId: `entry-${ledger.entries}`,
      entriesForReference,
      replayed: false,
      balanceCents: ledger.balanceCents,
    };
    if (idempotencyKey !== '') ledger.keys.set(idempotencyKey, {fingerprint, result});
    return result;
  }

  private ledgerOf(reader: string): ReaderLedger {
    let ledger = this.readers.get(reader);
    if (!ledger) {
      ledger = {
        entries: 0,
        balanceCents: 0n,
        perReference: new LRUCache({max: this.limits.maxReferencesPerReader}),
        keys: new LRUCache({
          max: this.limits.maxKeysPerReader,
          ttl: this.limits.keyTtlMs,
          ttlResolution: 0,
          perf: {now: this.now},
        }),
      };
      this.readers.set(reader, ledger);
    }
    return ledger;
  }

  private validate(input: AppendInput): AppendInput {
    const {reference, amountCents, idempotencyKey} = input;
    if (reference === '') throw invalid('reference is required, e.g. "order-7"');
    if (reference.length > this.limits.maxReferenceLength) {
      throw invalid(`reference is ${reference.length} characters long; at most ${this.limits.maxReferenceLength}`);
    }
    if (idempotencyKey.length > this.limits.maxKeyLength) {
      throw invalid(`idempotency_key is ${idempotencyKey.length} characters long; at most ${this.limits.maxKeyLength}`);
    }
    const max = BigInt(this.limits.maxAmountCents);
    if (amountCents > max || amountCents < -max) {
      throw invalid(`amount_cents must be between -${max} and ${max}`);
    }
    return input;
  }
}

function invalid(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}
