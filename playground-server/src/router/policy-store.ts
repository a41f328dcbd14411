import {Code, ConnectError} from '@connectrpc/connect';
import type {CompiledPolicy} from './compile-policy.js';

export interface PolicyStoreLimits {
  readonly maxTenants: number;
  readonly maxPoliciesPerTenant: number;
}

/** Enough for a workshop, small enough that a loop of upserts cannot exhaust memory. */
const DEFAULT_LIMITS: PolicyStoreLimits = {maxTenants: 1_000, maxPoliciesPerTenant: 100};

/**
 * Policies per tenant, in memory. Built-in policies are visible to every
 * tenant; a tenant's own policy with the same id hides the built-in one for
 * that tenant only, and deleting it brings the built-in one back.
 */
export class PolicyStore {
  private readonly builtIn: ReadonlyMap<string, CompiledPolicy>;
  private readonly tenants = new Map<string, Map<string, CompiledPolicy>>();

  constructor(
    builtIn: readonly CompiledPolicy[],
    private readonly limits: PolicyStoreLimits = DEFAULT_LIMITS,
  ) {
    this.builtIn = new Map(builtIn.map((policy) => [policy.id, policy]));
  }

  get(tenantId: string, policyId: string): CompiledPolicy | undefined {
    return this.tenants.get(tenantId)?.get(policyId) ?? this.builtIn.get(policyId);
  }

  /** The tenant's policies, built-in ones included, ordered by id. */
  list(tenantId: string): CompiledPolicy[] {
    const merged = new Map(this.builtIn);
    for (const [id, policy] of this.tenants.get(tenantId) ?? []) {
      merged.set(id, policy);
    }
    return [...merged.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  upsert(tenantId: string, policy: CompiledPolicy): void {
    let own = this.tenants.get(tenantId);
    if (!own) {
      if (this.tenants.size >= this.limits.maxTenants) {
        throw new ConnectError(
          `policy store is full: at most ${this.limits.maxTenants} tenants`,
          Code.ResourceExhausted,
        );
      }
      own = new Map();
      this.tenants.set(tenantId, own);
    }
    if (!own.has(policy.id) && own.size >= this.limits.maxPoliciesPerTenant) {
      throw new ConnectError(
        `tenant ${JSON.stringify(tenantId)} already has ${this.limits.maxPoliciesPerTenant} policies`,
        Code.ResourceExhausted,
      );
    }
    own.set(policy.id, policy);
  }

  /**
   * Deletes the tenant's own policy. Throws NOT_FOUND when there is none,
   * and FAILED_PRECONDITION when the id names a built-in policy.
   */
  delete(tenantId: string, policyId: string): void {
    const own = this.tenants.get(tenantId);
    if (own?.delete(policyId)) {
      if (own.size === 0) {
        this.tenants.delete(tenantId);
      }
      return;
    }
    if (this.builtIn.has(policyId)) {
      throw new ConnectError(
        `policy ${JSON.stringify(policyId)} is built in and cannot be deleted; ` +
          `upsert a policy with that id to replace it for tenant ${JSON.stringify(tenantId)}`,
        Code.FailedPrecondition,
      );
    }
    throw policyNotFound(tenantId, policyId);
  }
}

export function policyNotFound(tenantId: string, policyId: string): ConnectError {
  return new ConnectError(
    `policy ${JSON.stringify(policyId)} not found for tenant ${JSON.stringify(tenantId)}`,
    Code.NotFound,
  );
}
