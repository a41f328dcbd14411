import {toBinary} from '@bufbuild/protobuf';
import {Code, ConnectError} from '@connectrpc/connect';
import {LRUCache} from 'lru-cache';
import {AdminPolicySchema} from '@beamline/api/beamline/flow/v1/flow_pb';
import type {CompiledPolicy} from './compile-policy.js';

export interface PolicyStoreLimits {
  /** Policies one scope (a reader's tenant) may hold; ListPolicies answers at most this many plus the built-ins. */
  readonly maxPoliciesPerTenant: number;
  /** Bytes of stored policies, all scopes together; the least recently used scope is forgotten beyond. */
  readonly maxBytes: number;
  /** Scopes held at once, the least recently used forgotten beyond. */
  readonly maxTenants: number;
  /** A scope nobody has used for this long is forgotten. */
  readonly ttlMs: number;
}

/**
 * Enough for a workshop, small enough that a loop of upserts cannot exhaust
 * memory (at most 64 MiB), and never full: a new reader evicts the least
 * recently used scope instead of being refused.
 */
const DEFAULT_LIMITS: PolicyStoreLimits = {
  maxPoliciesPerTenant: 50,
  maxBytes: 64 * 1024 * 1024,
  maxTenants: 10_000,
  ttlMs: 2 * 60 * 60 * 1000,
};

interface Scope {
  readonly policies: Map<string, CompiledPolicy>;
  bytes: number;
}

/**
 * Policies per scope, in memory. A scope is a tenant, seen by one reader
 * when the caller names its session (`x-beamline-session`), so one reader's
 * experiment never changes another's routing; callers without a session
 * share the tenant's plain scope. Built-in policies are visible to every
 * scope and read-only.
 */
export class PolicyStore {
  private readonly builtIn: ReadonlyMap<string, CompiledPolicy>;
  private readonly scopes: LRUCache<string, Scope>;

  constructor(
    builtIn: readonly CompiledPolicy[],
    private readonly limits: PolicyStoreLimits = DEFAULT_LIMITS,
  ) {
    this.builtIn = new Map(builtIn.map((policy) => [policy.id, policy]));
    this.scopes = new LRUCache<string, Scope>({
      max: limits.maxTenants,
      maxSize: limits.maxBytes,
      sizeCalculation: (scope) => Math.max(1, scope.bytes),
      ttl: limits.ttlMs,
      updateAgeOnGet: true,
    });
  }

  get(scope: string, policyId: string): CompiledPolicy | undefined {
    return this.builtIn.get(policyId) ?? this.scopes.get(scope)?.policies.get(policyId);
  }

  /** The scope's policies, built-in ones included, ordered by id. */
  list(scope: string): CompiledPolicy[] {
    const merged = new Map(this.scopes.get(scope)?.policies);
    for (const [id, policy] of this.builtIn) {
      merged.set(id, policy);
    }
    return [...merged.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  upsert(scope: string, policy: CompiledPolicy): void {
    if (this.builtIn.has(policy.id)) {
      throw builtInReadOnly(policy.id);
    }
    const own = this.scopes.get(scope) ?? {policies: new Map<string, CompiledPolicy>(), bytes: 0};
    if (!own.policies.has(policy.id) && own.policies.size >= this.limits.maxPoliciesPerTenant) {
      throw new ConnectError(
        `tenant already has ${this.limits.maxPoliciesPerTenant} policies; delete one first`,
        Code.ResourceExhausted,
      );
    }
    const previous = own.policies.get(policy.id);
    own.policies.set(policy.id, policy);
    own.bytes += policyBytes(policy) - (previous ? policyBytes(previous) : 0);
    // Set again so the cache re-measures the scope (and evicts others if need be).
    this.scopes.set(scope, own);
  }

  /**
   * Deletes the scope's own policy. Throws NOT_FOUND when there is none,
   * and FAILED_PRECONDITION when the id names a built-in policy.
   */
  delete(scope: string, policyId: string, tenantId = scope): void {
    if (this.builtIn.has(policyId)) {
      throw builtInReadOnly(policyId);
    }
    const own = this.scopes.get(scope);
    const policy = own?.policies.get(policyId);
    if (own === undefined || policy === undefined) {
      throw policyNotFound(tenantId, policyId);
    }
    own.policies.delete(policyId);
    own.bytes -= policyBytes(policy);
    if (own.policies.size === 0) {
      this.scopes.delete(scope);
    } else {
      this.scopes.set(scope, own);
    }
  }
}

/** What a stored policy costs, as the wire measures it. */
export function policyBytes(policy: CompiledPolicy): number {
  return toBinary(AdminPolicySchema, policy.source).byteLength;
}

function builtInReadOnly(policyId: string): ConnectError {
  return new ConnectError(
    `policy ${JSON.stringify(policyId)} is built in and read-only (every reader relies on it); ` +
      `create a policy with another id and name it in policy_id`,
    Code.FailedPrecondition,
  );
}

export function policyNotFound(tenantId: string, policyId: string): ConnectError {
  return new ConnectError(
    `policy ${JSON.stringify(policyId)} not found for tenant ${JSON.stringify(tenantId)}`,
    Code.NotFound,
  );
}
