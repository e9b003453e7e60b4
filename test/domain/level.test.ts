import { describe, expect, it } from "vitest";
import {
  DEFAULT_THRESHOLDS,
  assessLevel,
  compareLevels,
  isLevelAtLeast,
  type CapacityLevel,
  type CapacityThresholds,
  type LevelAssessment,
} from "../../src/domain/capacity/index.js";

describe("assessLevel", () => {
  it.each<[string, number | null, number, Partial<CapacityThresholds>, LevelAssessment]>([
    ["is OK with plenty of headroom", 100, 50, {}, { level: "OK", triggers: [] }],
    ["is OK just below the warning utilization", 100, 79, {}, { level: "OK", triggers: [] }],
    [
      "warns when utilization reaches 80 %",
      100,
      80,
      {},
      { level: "WARNING", triggers: [{ reason: "UTILIZATION", threshold: 0.8 }] },
    ],
    [
      "goes critical when utilization reaches 95 %",
      100,
      95,
      {},
      { level: "CRITICAL", triggers: [{ reason: "UTILIZATION", threshold: 0.95 }] },
    ],
    [
      "warns a cap-4 account at 2 seats left though utilization is 50 %",
      4,
      2,
      {},
      { level: "WARNING", triggers: [{ reason: "SEATS_LEFT", threshold: 2 }] },
    ],
    [
      "goes critical on a cap-4 account at its last seat",
      4,
      3,
      {},
      { level: "CRITICAL", triggers: [{ reason: "SEATS_LEFT", threshold: 1 }] },
    ],
    [
      "lists both rules when both hold",
      10,
      8,
      {},
      {
        level: "WARNING",
        triggers: [
          { reason: "UTILIZATION", threshold: 0.8 },
          { reason: "SEATS_LEFT", threshold: 2 },
        ],
      },
    ],
    [
      "reports the critical rule over the warning rule",
      100,
      99,
      {},
      {
        level: "CRITICAL",
        triggers: [
          { reason: "UTILIZATION", threshold: 0.95 },
          { reason: "SEATS_LEFT", threshold: 1 },
        ],
      },
    ],
    [
      "is exhausted when no seat is left",
      4,
      4,
      {},
      { level: "EXHAUSTED", triggers: [{ reason: "NO_SEATS", threshold: 0 }] },
    ],
    [
      "is exhausted above the limit",
      4,
      6,
      {},
      { level: "EXHAUSTED", triggers: [{ reason: "NO_SEATS", threshold: 0 }] },
    ],
    [
      "is exhausted at a zero limit",
      0,
      0,
      {},
      { level: "EXHAUSTED", triggers: [{ reason: "NO_SEATS", threshold: 0 }] },
    ],
    ["is always OK when unlimited", null, 10_000, {}, { level: "OK", triggers: [] }],
    [
      "turns the seat rule off with seat thresholds of 0",
      4,
      3,
      { warningSeatsLeft: 0, criticalSeatsLeft: 0 },
      { level: "OK", triggers: [] },
    ],
    [
      "meets a 0.7 threshold at exactly 7 of 10",
      10,
      7,
      { warningUtilization: 0.7, warningSeatsLeft: 0, criticalSeatsLeft: 0 },
      { level: "WARNING", triggers: [{ reason: "UTILIZATION", threshold: 0.7 }] },
    ],
    [
      "meets a 0.3 threshold at exactly 3 of 10",
      10,
      3,
      { warningUtilization: 0.3, warningSeatsLeft: 0, criticalSeatsLeft: 0 },
      { level: "WARNING", triggers: [{ reason: "UTILIZATION", threshold: 0.3 }] },
    ],
    [
      "uses the account's own seat thresholds",
      50,
      45,
      { warningSeatsLeft: 10, criticalSeatsLeft: 5 },
      { level: "CRITICAL", triggers: [{ reason: "SEATS_LEFT", threshold: 5 }] },
    ],
  ])("%s", (_name, limit, used, overrides, expected) => {
    expect(assessLevel(limit, used, { ...DEFAULT_THRESHOLDS, ...overrides })).toEqual(expected);
  });
});

describe("compareLevels", () => {
  it.each<[string, CapacityLevel, CapacityLevel, "<" | "=" | ">"]>([
    ["ranks WARNING above OK", "WARNING", "OK", ">"],
    ["ranks CRITICAL above WARNING", "CRITICAL", "WARNING", ">"],
    ["ranks EXHAUSTED above CRITICAL", "EXHAUSTED", "CRITICAL", ">"],
    ["ranks OK below EXHAUSTED", "OK", "EXHAUSTED", "<"],
    ["ranks a level equal to itself", "CRITICAL", "CRITICAL", "="],
  ])("%s", (_name, a, b, expected) => {
    const sign = Math.sign(compareLevels(a, b));
    expect(sign === 0 ? "=" : sign < 0 ? "<" : ">").toBe(expected);
  });

  it("sorts levels least severe first", () => {
    const levels: CapacityLevel[] = ["CRITICAL", "OK", "EXHAUSTED", "WARNING"];
    expect(levels.sort(compareLevels)).toEqual(["OK", "WARNING", "CRITICAL", "EXHAUSTED"]);
  });
});

describe("isLevelAtLeast", () => {
  it.each<[string, CapacityLevel, CapacityLevel, boolean]>([
    ["accepts the minimum itself", "WARNING", "WARNING", true],
    ["accepts a more severe level", "EXHAUSTED", "WARNING", true],
    ["rejects a less severe level", "WARNING", "CRITICAL", false],
    ["accepts every level for a minimum of OK", "OK", "OK", true],
  ])("%s", (_name, level, min, expected) => {
    expect(isLevelAtLeast(level, min)).toBe(expected);
  });
});
