import type { Config } from "../config.js";
import { DEFAULT_THRESHOLDS } from "../domain/capacity/thresholds.js";
import type { CapacityPolicy, CapacityThresholds, PlanCapRule } from "../domain/capacity/types.js";

/** Per-account thresholds set at run time (`setCapacityThresholds`); in memory, or Redis when scaled out. */
export interface ThresholdStore {
  get(accountId: string): Promise<CapacityThresholds | undefined>;
  set(accountId: string, thresholds: CapacityThresholds): Promise<void>;
}

export class InMemoryThresholdStore implements ThresholdStore {
  private readonly byAccount = new Map<string, CapacityThresholds>();
  async get(accountId: string): Promise<CapacityThresholds | undefined> {
    return this.byAccount.get(accountId);
  }
  async set(accountId: string, thresholds: CapacityThresholds): Promise<void> {
    this.byAccount.set(accountId, thresholds);
  }
}

/** Builds each account's capacity policy from configuration plus the thresholds stored at run time. */
export class PolicyProvider {
  constructor(
    private readonly capacity: Config["capacity"],
    private readonly thresholds: ThresholdStore,
  ) {}

  get planCapRules(): readonly PlanCapRule[] {
    return this.capacity.planCapRules;
  }

  async policyFor(accountId: string): Promise<CapacityPolicy> {
    const account = this.capacity.accounts[accountId];
    return {
      configuredLimit: account?.limit ?? null,
      licenseBound: account?.licenseBound ?? true,
      planCapRules: this.capacity.planCapRules,
      thresholds: (await this.thresholds.get(accountId)) ?? account?.thresholds ?? DEFAULT_THRESHOLDS,
    };
  }
}
