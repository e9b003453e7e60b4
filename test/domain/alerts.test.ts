import { describe, expect, it } from "vitest";
import {
  DEFAULT_ALERT_POLICY,
  alertMatchesMinLevel,
  computeCapacity,
  initialAlertState,
  nextAlert,
  validateAlertPolicy,
  type AlertState,
  type Capacity,
  type CapacityAlert,
  type CapacityLevel,
} from "../../src/domain/capacity/index.js";
import { OBSERVED_AT, SEED, capacityWithUsed, invalidField, policy } from "./capacity-fixtures.js";

const T0 = Date.parse("2025-01-15T10:00:00.000Z");
const COOLDOWN_S = 300;
const ALERT_POLICY = { cooldownMs: COOLDOWN_S * 1_000 };
const USED_FOR: Record<CapacityLevel, number> = { OK: 5, WARNING: 8, CRITICAL: 9, EXHAUSTED: 10 };

/** One observation: the level (of a configured limit of 10), seconds after T0, and whether it is stale. */
type Step = [level: CapacityLevel, atS: number, stale?: "stale"];

/** Feeds observations through `nextAlert` and returns what each published: `"RAISED WARNING"`, `"RESOLVED"`, `"-"`. */
function replay(steps: readonly Step[], cooldownMs = ALERT_POLICY.cooldownMs): string[] {
  let state = initialAlertState();
  return steps.map(([level, atS, stale]) => {
    const capacity = capacityWithUsed(USED_FOR[level], { stale: stale === "stale" });
    const outcome = nextAlert({
      accountId: "acc-1",
      state,
      capacity,
      policy: { cooldownMs },
      now: new Date(T0 + atS * 1_000),
    });
    state = outcome.state;
    const { alert } = outcome;
    return alert === undefined ? "-" : alert.kind === "RESOLVED" ? "RESOLVED" : `RAISED ${alert.level}`;
  });
}

describe("nextAlert transitions", () => {
  it.each<[string, Step[], string[]]>([
    [
      "stays quiet while the level is OK",
      [
        ["OK", 0],
        ["OK", 60],
      ],
      ["-", "-"],
    ],
    [
      "raises WARNING when the level rises from OK",
      [
        ["OK", 0],
        ["WARNING", 10],
      ],
      ["-", "RAISED WARNING"],
    ],
    ["raises the first observation of a constrained account", [["CRITICAL", 0]], ["RAISED CRITICAL"]],
    [
      "raises only the level reached on a jump",
      [
        ["OK", 0],
        ["EXHAUSTED", 10],
      ],
      ["-", "RAISED EXHAUSTED"],
    ],
    [
      "stays quiet while the level holds",
      [
        ["WARNING", 0],
        ["WARNING", 60],
        ["WARNING", 600],
      ],
      ["RAISED WARNING", "-", "-"],
    ],
    [
      "raises each further rise",
      [
        ["WARNING", 0],
        ["CRITICAL", 10],
        ["EXHAUSTED", 20],
      ],
      ["RAISED WARNING", "RAISED CRITICAL", "RAISED EXHAUSTED"],
    ],
    [
      "resolves when the level falls back to OK",
      [
        ["CRITICAL", 0],
        ["OK", 10],
      ],
      ["RAISED CRITICAL", "RESOLVED"],
    ],
    [
      "falls silently from CRITICAL to WARNING",
      [
        ["CRITICAL", 0],
        ["WARNING", 10],
      ],
      ["RAISED CRITICAL", "-"],
    ],
    [
      "resolves once after a silent fall",
      [
        ["CRITICAL", 0],
        ["WARNING", 10],
        ["OK", 20],
      ],
      ["RAISED CRITICAL", "-", "RESOLVED"],
    ],
    [
      "suppresses a repeat of the same level within the cooldown",
      [
        ["WARNING", 0],
        ["OK", 10],
        ["WARNING", 20],
      ],
      ["RAISED WARNING", "RESOLVED", "-"],
    ],
    [
      "suppresses a re-escalation to the same level within the cooldown",
      [
        ["WARNING", 0],
        ["CRITICAL", 10],
        ["WARNING", 20],
        ["CRITICAL", 30],
      ],
      ["RAISED WARNING", "RAISED CRITICAL", "-", "-"],
    ],
    [
      "raises the same level again once the cooldown has expired",
      [
        ["WARNING", 0],
        ["OK", 10],
        ["WARNING", COOLDOWN_S],
      ],
      ["RAISED WARNING", "RESOLVED", "RAISED WARNING"],
    ],
    [
      "still suppresses one millisecond before the cooldown expires",
      [
        ["WARNING", 0],
        ["OK", 10],
        ["WARNING", COOLDOWN_S - 0.001],
      ],
      ["RAISED WARNING", "RESOLVED", "-"],
    ],
    [
      "raises a held-back level on a later observation after the cooldown",
      [
        ["WARNING", 0],
        ["OK", 10],
        ["WARNING", 20],
        ["WARNING", COOLDOWN_S + 5],
      ],
      ["RAISED WARNING", "RESOLVED", "-", "RAISED WARNING"],
    ],
    [
      "does not resolve a raise that was held back",
      [
        ["WARNING", 0],
        ["OK", 10],
        ["WARNING", 20],
        ["OK", 30],
      ],
      ["RAISED WARNING", "RESOLVED", "-", "-"],
    ],
    [
      "raises a higher level while a lower one cools down",
      [
        ["WARNING", 0],
        ["OK", 10],
        ["CRITICAL", 20],
      ],
      ["RAISED WARNING", "RESOLVED", "RAISED CRITICAL"],
    ],
    [
      "re-escalates once the level's cooldown has expired",
      [
        ["WARNING", 0],
        ["CRITICAL", 10],
        ["WARNING", 20],
        ["CRITICAL", 10 + COOLDOWN_S],
      ],
      ["RAISED WARNING", "RAISED CRITICAL", "-", "RAISED CRITICAL"],
    ],
    [
      "ignores a stale rise",
      [
        ["OK", 0],
        ["CRITICAL", 10, "stale"],
      ],
      ["-", "-"],
    ],
    [
      "ignores a stale fall to OK",
      [
        ["WARNING", 0],
        ["OK", 10, "stale"],
        ["WARNING", 20],
      ],
      ["RAISED WARNING", "-", "-"],
    ],
    [
      "alerts on the next fresh capacity after a stale one",
      [
        ["WARNING", 0],
        ["OK", 10, "stale"],
        ["OK", 20],
      ],
      ["RAISED WARNING", "-", "RESOLVED"],
    ],
  ])("%s", (_name, steps, expected) => {
    expect(replay(steps)).toEqual(expected);
  });

  it("never suppresses with a cooldown of 0", () => {
    expect(
      replay(
        [
          ["WARNING", 0],
          ["OK", 1],
          ["WARNING", 2],
        ],
        0,
      ),
    ).toEqual(["RAISED WARNING", "RESOLVED", "RAISED WARNING"]);
  });

  it("starts quiet from a state seeded with the current level", () => {
    const outcome = nextAlert({
      accountId: "acc-1",
      state: initialAlertState("CRITICAL"),
      capacity: capacityWithUsed(USED_FOR.CRITICAL),
      policy: ALERT_POLICY,
      now: new Date(T0),
    });
    expect(outcome.alert).toBeUndefined();
  });
});

describe("nextAlert content", () => {
  function raise(capacity: Capacity, state: AlertState = initialAlertState()): CapacityAlert | undefined {
    return nextAlert({ accountId: "acc-1", state, capacity, policy: ALERT_POLICY, now: "2025-01-15T10:00:00Z" }).alert;
  }

  it.each<[string, Capacity, Partial<CapacityAlert>]>([
    [
      "says the sandbox went critical on its last seat",
      computeCapacity(SEED.sandbox, policy(), OBSERVED_AT),
      { kind: "RAISED", level: "CRITICAL", previousLevel: "OK", reason: "SEATS_LEFT", threshold: 1 },
    ],
    [
      "says Essentials warned on utilization first and lists the seat rule too",
      computeCapacity(SEED.essentials, policy(), OBSERVED_AT),
      {
        level: "WARNING",
        reason: "UTILIZATION",
        threshold: 0.8,
        triggers: [
          { reason: "UTILIZATION", threshold: 0.8 },
          { reason: "SEATS_LEFT", threshold: 2 },
        ],
      },
    ],
    [
      "says an exhausted account has no seats",
      capacityWithUsed(10),
      { level: "EXHAUSTED", reason: "NO_SEATS", threshold: 0 },
    ],
  ])("%s", (_name, capacity, expected) => {
    expect(raise(capacity)).toMatchObject(expected);
  });

  it("identifies a raise by account, kind, level and time", () => {
    expect(raise(capacityWithUsed(8))).toMatchObject({
      id: "acc-1:RAISED:WARNING:2025-01-15T10:00:00.000Z",
      accountId: "acc-1",
      at: "2025-01-15T10:00:00.000Z",
    });
  });

  it("carries the capacity that caused the transition", () => {
    const capacity = capacityWithUsed(9);
    expect(raise(capacity)?.capacity).toEqual(capacity);
  });

  it("resolves with the previous level and no reason", () => {
    expect(raise(capacityWithUsed(2), initialAlertState("EXHAUSTED"))).toMatchObject({
      kind: "RESOLVED",
      level: "OK",
      previousLevel: "EXHAUSTED",
      reason: null,
      threshold: null,
      triggers: [],
    });
  });

  it("reports when a held-back level may be raised", () => {
    const state: AlertState = { alertedLevel: "OK", lastRaisedAt: { WARNING: "2025-01-15T09:58:00.000Z" } };
    const outcome = nextAlert({
      accountId: "acc-1",
      state,
      capacity: capacityWithUsed(8),
      policy: ALERT_POLICY,
      now: "2025-01-15T10:00:00Z",
    });
    expect(outcome).toEqual({
      alert: undefined,
      state,
      suppressed: { level: "WARNING", until: "2025-01-15T10:03:00.000Z" },
    });
  });

  it("keeps alert and state JSON-safe", () => {
    const outcome = nextAlert({
      accountId: "acc-1",
      state: initialAlertState(),
      capacity: capacityWithUsed(9),
      policy: ALERT_POLICY,
      now: new Date(T0),
    });
    expect(JSON.parse(JSON.stringify(outcome.alert))).toEqual(outcome.alert);
    expect(JSON.parse(JSON.stringify(outcome.state))).toEqual(outcome.state);
  });

  it("rejects an invalid now naming the field", () => {
    expect(
      invalidField(() =>
        nextAlert({
          accountId: "a",
          state: initialAlertState(),
          capacity: capacityWithUsed(8),
          policy: ALERT_POLICY,
          now: "soon",
        }),
      ),
    ).toBe("now");
  });
});

describe("alertMatchesMinLevel", () => {
  function alertOf(kind: CapacityAlert["kind"], level: CapacityLevel, previousLevel: CapacityLevel): CapacityAlert {
    return { kind, level, previousLevel } as CapacityAlert;
  }

  it.each<[string, CapacityAlert, CapacityLevel, boolean]>([
    ["passes a raise at the minimum level", alertOf("RAISED", "CRITICAL", "OK"), "CRITICAL", true],
    ["passes a raise above the minimum level", alertOf("RAISED", "EXHAUSTED", "WARNING"), "CRITICAL", true],
    ["drops a raise below the minimum level", alertOf("RAISED", "WARNING", "OK"), "CRITICAL", false],
    ["passes the resolution of a level the subscriber saw", alertOf("RESOLVED", "OK", "CRITICAL"), "CRITICAL", true],
    [
      "drops the resolution of a level the subscriber never saw",
      alertOf("RESOLVED", "OK", "WARNING"),
      "CRITICAL",
      false,
    ],
  ])("%s", (_name, alert, minLevel, expected) => {
    expect(alertMatchesMinLevel(alert, minLevel)).toBe(expected);
  });
});

describe("validateAlertPolicy", () => {
  it.each<[string, number]>([
    ["accepts the default cooldown", DEFAULT_ALERT_POLICY.cooldownMs],
    ["accepts a cooldown of 0", 0],
  ])("%s", (_name, cooldownMs) => {
    expect(validateAlertPolicy({ cooldownMs })).toEqual({ cooldownMs });
  });

  it.each<[string, number]>([
    ["rejects a negative cooldown", -1],
    ["rejects a fractional cooldown", 1.5],
    ["rejects an infinite cooldown", Infinity],
  ])("%s", (_name, cooldownMs) => {
    expect(invalidField(() => validateAlertPolicy({ cooldownMs }, "alerts."))).toBe("alerts.cooldownMs");
  });
});
