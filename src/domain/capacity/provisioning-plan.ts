import { CapacityExhaustedError, InvalidInputError } from "../../errors.js";
import type { Capacity, LimitSource, Remediation } from "./types.js";

/** Why some of a request cannot be provisioned. */
export type ProvisioningBlockReason = "LIMIT_REACHED";

/** How `count` new people would be seated: unassigned seats first, then new extensions, the rest blocked. */
export interface ProvisioningPlan {
  readonly requested: number;
  /** People given an existing `Unassigned` extension (a seat already paid for). */
  readonly viaUnassigned: number;
  /** People given a newly created extension. */
  readonly viaNewExtension: number;
  /** People who cannot be seated. */
  readonly blocked: number;
  /** Set when `blocked > 0`. */
  readonly blockedReason: ProvisioningBlockReason | null;
  readonly limit: number | null;
  readonly limitSource: LimitSource;
  /** What to do about the blocked part; null when nothing is blocked or the account is unlimited. */
  readonly remediation: Remediation | null;
}

/**
 * Plans seating `count` people the way `createUser` does: an unassigned seat first, a new extension only when none
 * is free and the limit allows. The limit bounds every user extension (unassigned ones too, as RingCentral's caps
 * do), so new extensions fit only in `limit - used - unassigned`, and people seated never exceed `available`
 * (a configured limit can be below `used + unassigned`). A licence-bound account therefore seats people only on
 * unassigned seats; an unlimited one seats everyone.
 * @throws InvalidInputError (`count`) unless `count` is an integer ≥ 0.
 */
export function planProvisioning(capacity: Capacity, count: number): ProvisioningPlan {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidInputError("count", "count must be an integer of at least 0");
  }
  const { limit, used, unassigned } = capacity;
  const seatsLeft = limit === null ? Infinity : Math.max(0, limit - used);
  const roomForNew = limit === null ? Infinity : Math.max(0, limit - used - unassigned);
  const viaUnassigned = Math.min(count, unassigned, seatsLeft);
  // roomForNew ≤ seatsLeft - unassigned, so new extensions never push the total past `available` either.
  const viaNewExtension = Math.min(count - viaUnassigned, roomForNew);
  const blocked = count - viaUnassigned - viaNewExtension;
  return {
    requested: count,
    viaUnassigned,
    viaNewExtension,
    blocked,
    blockedReason: blocked > 0 ? "LIMIT_REACHED" : null,
    limit,
    limitSource: capacity.limitSource,
    remediation: blocked > 0 ? capacity.remediation : null,
  };
}

/**
 * Plans seating `count` people and insists that all of them fit, as a provisioning mutation must before it
 * writes anything. Pass a fresh capacity, read under the account's lock: a stale one can over-allocate.
 * @throws CapacityExhaustedError when any would be blocked; `details` carry `limit`, `used`, `available`,
 *   `limitSource`, `requested`, `blocked` and `remediation` (the message) for `extensions`.
 * @throws InvalidInputError (`count`) unless `count` is an integer ≥ 0.
 */
export function requireProvisioningPlan(capacity: Capacity, count: number): ProvisioningPlan {
  const plan = planProvisioning(capacity, count);
  if (plan.blocked > 0) {
    throw new CapacityExhaustedError(
      `Only ${count - plan.blocked} of ${count} requested seats fit within the ${capacity.limitSource.toLowerCase()} limit of ${String(capacity.limit)}`,
      {
        limit: capacity.limit,
        used: capacity.used,
        available: capacity.available,
        limitSource: capacity.limitSource,
        requested: count,
        blocked: plan.blocked,
        remediation: plan.remediation?.message ?? null,
      },
    );
  }
  return plan;
}
