/** The capacity domain: pure functions of plain data. Imports only itself and `src/errors.ts`. */
export * from "./types.js";
export { DEFAULT_THRESHOLDS, mergeThresholds, validateThresholds } from "./thresholds.js";
export {
  DEFAULT_PLAN_CAP_RULES,
  SANDBOX_SERVER_HOST,
  identifyPlanCap,
  isSandboxPlan,
  validatePlanCapRules,
  type PlanCap,
} from "./plan.js";
export { DEFAULT_CAPACITY_POLICY, validateCapacityPolicy } from "./policy.js";
export { countPhoneNumbers, countSeats, type PhoneNumberSnapshot, type SeatCounts } from "./counts.js";
export {
  CAPACITY_LEVELS,
  assessLevel,
  compareLevels,
  isLevelAtLeast,
  levelRank,
  type LevelAssessment,
} from "./level.js";
export { remediationFor } from "./remediation.js";
export { computeCapacity, deriveLimit, type DerivedLimit } from "./compute-capacity.js";
export { compareMostConstrainedFirst, type CapacityRanking } from "./fleet-order.js";
export {
  DEFAULT_ALERT_POLICY,
  alertMatchesMinLevel,
  initialAlertState,
  nextAlert,
  validateAlertPolicy,
  type AlertInput,
  type AlertKind,
  type AlertOutcome,
  type AlertPolicy,
  type AlertState,
  type CapacityAlert,
} from "./alerts.js";
export {
  planProvisioning,
  requireProvisioningPlan,
  type ProvisioningBlockReason,
  type ProvisioningPlan,
} from "./provisioning-plan.js";
export { toEpochMs, toIsoString, type Instant } from "./time.js";
