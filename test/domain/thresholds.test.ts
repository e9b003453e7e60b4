import { describe, expect, it } from "vitest";
import {
  DEFAULT_THRESHOLDS,
  mergeThresholds,
  validateThresholds,
  type CapacityThresholds,
} from "../../src/domain/capacity/index.js";
import { invalidField } from "./capacity-fixtures.js";

describe("validateThresholds", () => {
  it.each<[string, Partial<CapacityThresholds>]>([
    ["accepts the defaults", {}],
    ["accepts equal warning and critical ratios", { warningUtilization: 0.9, criticalUtilization: 0.9 }],
    ["accepts a critical ratio of 1", { criticalUtilization: 1 }],
    ["accepts seat thresholds of 0", { warningSeatsLeft: 0, criticalSeatsLeft: 0 }],
    ["accepts equal seat thresholds", { warningSeatsLeft: 3, criticalSeatsLeft: 3 }],
  ])("%s", (_name, overrides) => {
    const thresholds = { ...DEFAULT_THRESHOLDS, ...overrides };
    expect(validateThresholds(thresholds)).toBe(thresholds);
  });

  it.each<[string, Partial<CapacityThresholds>, string]>([
    ["rejects a warning ratio of 0", { warningUtilization: 0 }, "warningUtilization"],
    ["rejects a negative warning ratio", { warningUtilization: -0.1 }, "warningUtilization"],
    ["rejects a critical ratio above 1", { criticalUtilization: 1.5 }, "criticalUtilization"],
    ["rejects a NaN ratio", { criticalUtilization: Number.NaN }, "criticalUtilization"],
    ["rejects a warning ratio above the critical one", { warningUtilization: 0.96 }, "criticalUtilization"],
    ["rejects a fractional seat count", { warningSeatsLeft: 1.5 }, "warningSeatsLeft"],
    ["rejects a negative seat count", { criticalSeatsLeft: -1 }, "criticalSeatsLeft"],
    ["rejects critical seats above warning seats", { criticalSeatsLeft: 3 }, "criticalSeatsLeft"],
  ])("%s", (_name, overrides, field) => {
    expect(invalidField(() => validateThresholds({ ...DEFAULT_THRESHOLDS, ...overrides }))).toBe(field);
  });

  it("prefixes the field it names", () => {
    expect(invalidField(() => validateThresholds({ ...DEFAULT_THRESHOLDS, warningUtilization: 2 }, "input."))).toBe(
      "input.warningUtilization",
    );
  });
});

describe("mergeThresholds", () => {
  it.each<[string, Partial<CapacityThresholds>, CapacityThresholds]>([
    ["keeps the current values for an empty patch", {}, DEFAULT_THRESHOLDS],
    [
      "replaces the fields the patch gives",
      { warningUtilization: 0.7 },
      { ...DEFAULT_THRESHOLDS, warningUtilization: 0.7 },
    ],
    [
      "ignores fields the patch leaves undefined",
      { warningSeatsLeft: undefined, criticalSeatsLeft: 0 },
      { ...DEFAULT_THRESHOLDS, criticalSeatsLeft: 0 },
    ],
  ])("%s", (_name, patch, expected) => {
    expect(mergeThresholds(DEFAULT_THRESHOLDS, patch)).toEqual(expected);
  });

  it.each<[string, Partial<CapacityThresholds>, string]>([
    ["blames a lowered critical ratio", { criticalUtilization: 0.5 }, "input.criticalUtilization"],
    ["blames a raised warning ratio", { warningUtilization: 0.99 }, "input.warningUtilization"],
    ["blames a lowered warning seat count", { warningSeatsLeft: 0 }, "input.warningSeatsLeft"],
    ["blames a raised critical seat count", { criticalSeatsLeft: 5 }, "input.criticalSeatsLeft"],
    [
      "blames the critical side when the patch inverts both",
      { warningUtilization: 0.9, criticalUtilization: 0.85 },
      "input.criticalUtilization",
    ],
  ])("%s", (_name, patch, field) => {
    expect(invalidField(() => mergeThresholds(DEFAULT_THRESHOLDS, patch, "input."))).toBe(field);
  });
});
