import { InvalidInputError } from "../../src/errors.js";
import {
  DEFAULT_CAPACITY_POLICY,
  computeCapacity,
  type AccountSnapshot,
  type Capacity,
  type CapacityPolicy,
  type ExtensionSnapshot,
  type ExtensionStatus,
  type PlanInfo,
} from "../../src/domain/capacity/index.js";

export const OBSERVED_AT = "2025-01-15T09:30:00.000Z";
export const PRODUCTION_SERVER = "https://platform.ringcentral.com";
export const SANDBOX_SERVER = "https://platform.devtest.ringcentral.com";

export const SANDBOX_PLAN: PlanInfo = {
  name: "Developer Sandbox",
  edition: "Sandbox",
  serverUrl: "http://127.0.0.1:4010",
};
export const ESSENTIALS_PLAN: PlanInfo = {
  name: "RingEX Essentials",
  edition: "Essentials",
  serverUrl: PRODUCTION_SERVER,
};
export const PREMIUM_PLAN: PlanInfo = { name: "RingEX Premium", edition: "Premium", serverUrl: PRODUCTION_SERVER };

export function users(count: number, status: ExtensionStatus = "Enabled"): ExtensionSnapshot[] {
  return Array.from({ length: count }, () => ({ type: "User", status }));
}

export function snapshot(
  extensions: readonly ExtensionSnapshot[],
  plan: PlanInfo = PREMIUM_PLAN,
  phoneNumbers = { inventory: 0, assigned: 0 },
): AccountSnapshot {
  return { extensions, plan, phoneNumbers };
}

export function policy(overrides: Partial<CapacityPolicy> = {}): CapacityPolicy {
  return { ...DEFAULT_CAPACITY_POLICY, ...overrides };
}

/** The three accounts of the demo seed, as the datasource would observe them. */
export const SEED = {
  sandbox: snapshot(
    [...users(2), ...users(1, "NotActivated"), { type: "Department", status: "Enabled" }],
    SANDBOX_PLAN,
    { inventory: 2, assigned: 2 },
  ),
  essentials: snapshot(
    [
      ...users(6),
      ...users(1, "Disabled"),
      ...users(1, "NotActivated"),
      ...users(1, "Unassigned"),
      { type: "IvrMenu", status: "Enabled" },
    ],
    ESSENTIALS_PLAN,
    { inventory: 2, assigned: 3 },
  ),
  licenseBound: snapshot([...users(19), ...users(1, "Disabled"), ...users(5, "Unassigned")], PREMIUM_PLAN, {
    inventory: 4,
    assigned: 5,
  }),
} as const;

/** A capacity under a configured limit of 10, judged by the default thresholds, with `used` seats taken. */
export function capacityWithUsed(used: number, options: { stale?: boolean; limit?: number } = {}): Capacity {
  return computeCapacity(
    snapshot(users(used)),
    policy({ configuredLimit: options.limit ?? 10 }),
    OBSERVED_AT,
    options.stale ?? false,
  );
}

/** Runs `action` and returns what it threw; fails the test when it throws nothing. */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** The field an `InvalidInputError` names, or a description of what was thrown instead. */
export function invalidField(action: () => unknown): string {
  const error = thrownBy(action);
  return error instanceof InvalidInputError
    ? String(error.details["field"])
    : `not an InvalidInputError: ${String(error)}`;
}
