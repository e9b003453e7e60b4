import { InvalidInputError } from "../../errors.js";
import { DEFAULT_PLAN_CAP_RULES, validatePlanCapRules } from "./plan.js";
import { DEFAULT_THRESHOLDS, validateThresholds } from "./thresholds.js";
import type { CapacityPolicy } from "./types.js";

/** No configured limit, the default plan caps, licence-bound otherwise, default thresholds. */
export const DEFAULT_CAPACITY_POLICY: CapacityPolicy = Object.freeze({
  configuredLimit: null,
  planCapRules: DEFAULT_PLAN_CAP_RULES,
  licenseBound: true,
  thresholds: DEFAULT_THRESHOLDS,
});

/**
 * Checks a policy built from configuration (once, at load; `computeCapacity` trusts its policy) and returns it
 * unchanged: `configuredLimit` null or an integer ≥ 0, valid plan-cap rules, valid thresholds.
 * @param fieldPrefix prepended to the field named in the error, e.g. `"accounts[0]."`.
 * @throws InvalidInputError naming the offending field.
 */
export function validateCapacityPolicy(policy: CapacityPolicy, fieldPrefix = ""): CapacityPolicy {
  const { configuredLimit } = policy;
  if (configuredLimit !== null && (!Number.isSafeInteger(configuredLimit) || configuredLimit < 0)) {
    const field = `${fieldPrefix}configuredLimit`;
    throw new InvalidInputError(field, `${field} must be null or an integer of at least 0`);
  }
  if (typeof policy.licenseBound !== "boolean") {
    const field = `${fieldPrefix}licenseBound`;
    throw new InvalidInputError(field, `${field} must be a boolean`);
  }
  validatePlanCapRules(policy.planCapRules, `${fieldPrefix}planCapRules`);
  validateThresholds(policy.thresholds, `${fieldPrefix}thresholds.`);
  return policy;
}
