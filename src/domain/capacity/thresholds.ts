import { InvalidInputError } from "../../errors.js";
import type { CapacityThresholds } from "./types.js";

/** Warn at 80 % or 2 seats left, go critical at 95 % or 1 seat left. */
export const DEFAULT_THRESHOLDS: CapacityThresholds = Object.freeze({
  warningUtilization: 0.8,
  criticalUtilization: 0.95,
  warningSeatsLeft: 2,
  criticalSeatsLeft: 1,
});

/**
 * Checks `0 < warningUtilization ≤ criticalUtilization ≤ 1`, seat counts are integers ≥ 0 and
 * `criticalSeatsLeft ≤ warningSeatsLeft`, and returns the thresholds unchanged.
 * @param fieldPrefix prepended to the field named in the error, e.g. `"input."`.
 * @throws InvalidInputError naming the first offending field (for an inverted pair, the critical one).
 */
export function validateThresholds(thresholds: CapacityThresholds, fieldPrefix = ""): CapacityThresholds {
  return checkThresholds(thresholds, new Set(Object.keys(DEFAULT_THRESHOLDS)), fieldPrefix);
}

/**
 * Applies a partial update (as from `setCapacityThresholds`) to the current thresholds and validates the result.
 * An inverted pair blames the field the patch supplied, so changing only `criticalUtilization` below the current
 * warning names `criticalUtilization`. Fields absent, `undefined` or `null` in the patch keep their current value.
 * @throws InvalidInputError naming the offending field, prefixed with `fieldPrefix`.
 */
export function mergeThresholds(
  current: CapacityThresholds,
  patch: Partial<CapacityThresholds>,
  fieldPrefix = "",
): CapacityThresholds {
  const merged: CapacityThresholds = {
    warningUtilization: patch.warningUtilization ?? current.warningUtilization,
    criticalUtilization: patch.criticalUtilization ?? current.criticalUtilization,
    warningSeatsLeft: patch.warningSeatsLeft ?? current.warningSeatsLeft,
    criticalSeatsLeft: patch.criticalSeatsLeft ?? current.criticalSeatsLeft,
  };
  const supplied = new Set(
    Object.entries(patch).flatMap(([key, value]) => (value === undefined || value === null ? [] : [key])),
  );
  return checkThresholds(merged, supplied, fieldPrefix);
}

function checkThresholds(t: CapacityThresholds, supplied: ReadonlySet<string>, prefix: string): CapacityThresholds {
  const fail = (field: keyof CapacityThresholds, message: string): never => {
    throw new InvalidInputError(`${prefix}${field}`, `${prefix}${field} ${message}`);
  };
  for (const field of ["warningUtilization", "criticalUtilization"] as const) {
    const value = t[field];
    if (!Number.isFinite(value) || value <= 0 || value > 1) fail(field, "must be a ratio above 0 and at most 1");
  }
  for (const field of ["warningSeatsLeft", "criticalSeatsLeft"] as const) {
    if (!Number.isSafeInteger(t[field]) || t[field] < 0) fail(field, "must be an integer of at least 0");
  }
  // Whichever side the caller changed is the one they got wrong.
  const blame = (warning: keyof CapacityThresholds, critical: keyof CapacityThresholds) =>
    supplied.has(critical) || !supplied.has(warning) ? critical : warning;
  if (t.warningUtilization > t.criticalUtilization) {
    fail(blame("warningUtilization", "criticalUtilization"), "must keep warningUtilization ≤ criticalUtilization");
  }
  if (t.criticalSeatsLeft > t.warningSeatsLeft) {
    fail(blame("warningSeatsLeft", "criticalSeatsLeft"), "must keep criticalSeatsLeft ≤ warningSeatsLeft");
  }
  return t;
}
