import { countSeats, type SeatCounts } from "./counts.js";
import { assessLevel } from "./level.js";
import { identifyPlanCap, type PlanCap } from "./plan.js";
import { remediationFor } from "./remediation.js";
import { toIsoString, type Instant } from "./time.js";
import type { AccountSnapshot, Capacity, CapacityPolicy, LimitSource, PlanInfo } from "./types.js";

export interface DerivedLimit {
  /** null when unlimited. */
  readonly limit: number | null;
  readonly limitSource: LimitSource;
  /** The plan-cap rule the plan matched, also when a configured limit overrides it; null when none. */
  readonly planCap: PlanCap | null;
}

/**
 * Where the limit comes from, first match wins: `CONFIGURED` (the policy's `configuredLimit`), `PLAN` (the first
 * matching plan-cap rule), `LICENSES` (`used + unassigned`, when the policy is `licenseBound`), else `UNLIMITED`.
 * An account with no configured limit and no matching rule is licence-bound by default, because every RingCentral
 * production plan other than Essentials is sold per licence; only an explicit `licenseBound: false` makes it
 * unlimited, even when it shows unassigned extensions (configuration is the operator's word).
 */
export function deriveLimit(seats: SeatCounts, plan: PlanInfo, policy: CapacityPolicy): DerivedLimit {
  const planCap = identifyPlanCap(plan, policy.planCapRules);
  if (policy.configuredLimit !== null) return { limit: policy.configuredLimit, limitSource: "CONFIGURED", planCap };
  if (planCap !== null) return { limit: planCap.cap, limitSource: "PLAN", planCap };
  if (policy.licenseBound) return { limit: seats.used + seats.unassigned, limitSource: "LICENSES", planCap };
  return { limit: null, limitSource: "UNLIMITED", planCap };
}

/**
 * Derives an account's seat capacity from what was observed. Pure: the policy is trusted (validate it at load with
 * `validateCapacityPolicy`) and time is passed in.
 *
 * When more seats are used than the limit allows (a plan downgrade, a lowered configured limit), `available` is
 * clamped to 0, `overLimit` tells by how much, `utilization` exceeds 1 and the level is `EXHAUSTED`. A zero limit
 * is `EXHAUSTED` with utilization 1 (no division by zero).
 * @param observedAt when the snapshot was read from RingCentral; returned as an ISO string.
 * @param stale true when the snapshot is served from cache because RingCentral is unreachable.
 * @throws InvalidInputError (`observedAt`) when `observedAt` is not a valid date-time.
 */
export function computeCapacity(
  snapshot: AccountSnapshot,
  policy: CapacityPolicy,
  observedAt: Instant,
  stale = false,
): Capacity {
  const seats = countSeats(snapshot.extensions);
  const { limit, limitSource, planCap } = deriveLimit(seats, snapshot.plan, policy);
  const { level, triggers } = assessLevel(limit, seats.used, policy.thresholds);
  return {
    limit,
    limitSource,
    used: seats.used,
    unassigned: seats.unassigned,
    available: limit === null ? null : Math.max(0, limit - seats.used),
    overLimit: limit === null ? 0 : Math.max(0, seats.used - limit),
    utilization: limit === null ? null : limit === 0 ? 1 : seats.used / limit,
    level,
    triggers,
    remediation: remediationFor(limitSource, limit, planCap?.kind ?? null),
    phoneNumbers: { inventory: snapshot.phoneNumbers.inventory, assigned: snapshot.phoneNumbers.assigned },
    thresholds: policy.thresholds,
    observedAt: toIsoString(observedAt, "observedAt"),
    stale,
  };
}
