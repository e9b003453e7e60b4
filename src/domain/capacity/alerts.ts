import { InvalidInputError } from "../../errors.js";
import { isLevelAtLeast, levelRank } from "./level.js";
import { toEpochMs, toIsoString, type Instant } from "./time.js";
import type { AlertLevel, Capacity, CapacityLevel, LevelReason, LevelTrigger } from "./types.js";

/** `RAISED`: the level rose to `level`. `RESOLVED`: the level fell back to `OK`. */
export type AlertKind = "RAISED" | "RESOLVED";

/** A capacity alert: a transition, not a state. JSON-safe, for pub/sub across instances. */
export interface CapacityAlert {
  /** Deterministic (`accountId:kind:level:at`), so instances can de-duplicate. */
  readonly id: string;
  readonly accountId: string;
  readonly kind: AlertKind;
  /** The level reached: above `OK` for `RAISED`, `OK` for `RESOLVED`. */
  readonly level: CapacityLevel;
  /** The level subscribers were last told of (`OK` before the first raise). */
  readonly previousLevel: CapacityLevel;
  /** The main rule crossed (`NO_SEATS`, else `UTILIZATION`, else `SEATS_LEFT`); null for `RESOLVED`. */
  readonly reason: LevelReason | null;
  /** The threshold value of `reason`; null for `RESOLVED`. */
  readonly threshold: number | null;
  /** Every threshold that holds at `level`; empty for `RESOLVED`. */
  readonly triggers: readonly LevelTrigger[];
  /** The capacity that caused the transition. */
  readonly capacity: Capacity;
  /** When the transition was detected (ISO 8601). */
  readonly at: string;
}

export interface AlertPolicy {
  /** How long after raising a level the same level is not raised again, in ms. Default 5 minutes; 0 = never. */
  readonly cooldownMs: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = Object.freeze({ cooldownMs: 5 * 60_000 });

/**
 * Per-account alert memory, JSON-safe so it can live in Redis. Start from `initialAlertState()`.
 */
export interface AlertState {
  /**
   * The baseline rises are measured against: the level last raised, `OK` after a `RESOLVED`, and lowered silently
   * when the level falls without reaching `OK` (so a later rise alerts again, cooldown permitting).
   */
  readonly alertedLevel: CapacityLevel;
  /** When each level was last raised (ISO 8601); drives the cooldown. */
  readonly lastRaisedAt: Readonly<Partial<Record<AlertLevel, string>>>;
}

export interface AlertInput {
  readonly accountId: string;
  /** The state returned by the previous call for this account. */
  readonly state: AlertState;
  readonly capacity: Capacity;
  readonly policy: AlertPolicy;
  /** The current time, passed in. */
  readonly now: Instant;
}

export interface AlertOutcome {
  /** The alert to publish, if any. */
  readonly alert: CapacityAlert | undefined;
  /** The state to keep for the next call. */
  readonly state: AlertState;
  /** Set when a rise was held back by the cooldown: the level, and when it may be raised (ISO 8601). */
  readonly suppressed: { readonly level: AlertLevel; readonly until: string } | undefined;
}

/**
 * The state of an account nobody has been alerted about. Pass the current level to start quiet (e.g. after a
 * restart without shared state); the default `OK` makes the first evaluation of a constrained account alert.
 */
export function initialAlertState(alertedLevel: CapacityLevel = "OK"): AlertState {
  return { alertedLevel, lastRaisedAt: {} };
}

/**
 * Decides whether a new capacity is an alert.
 * - A rise above `state.alertedLevel` raises the new level, unless that same level was raised less than
 *   `cooldownMs` ago (flapping create/delete): then nothing is published and the state is kept, so the rise is
 *   raised by a later call once the cooldown has passed, if the level still stands.
 * - A fall to `OK` from an alerted level resolves; a `RESOLVED` is never held back, since each follows a raise.
 * - A fall that stays above `OK` is silent; it only lowers the baseline.
 * - A stale capacity (served from cache) is never a transition: nothing happens and the state is kept.
 * @throws InvalidInputError (`now`) when `now` is not a valid date-time.
 */
export function nextAlert({ accountId, state, capacity, policy, now }: AlertInput): AlertOutcome {
  const nowMs = toEpochMs(now, "now");
  const at = toIsoString(now, "now");
  const quiet = (next: AlertState = state): AlertOutcome => ({ alert: undefined, state: next, suppressed: undefined });
  const { level } = capacity;
  const previousLevel = state.alertedLevel;
  if (capacity.stale || level === previousLevel) return quiet();

  if (level === "OK") {
    return {
      alert: buildAlert({ accountId, kind: "RESOLVED", level, previousLevel, triggers: [], capacity, at }),
      state: { ...state, alertedLevel: "OK" },
      suppressed: undefined,
    };
  }
  if (levelRank(level) < levelRank(previousLevel)) return quiet({ ...state, alertedLevel: level });

  const lastRaisedAt = state.lastRaisedAt[level];
  if (lastRaisedAt !== undefined) {
    const untilMs = Date.parse(lastRaisedAt) + policy.cooldownMs;
    if (nowMs < untilMs) {
      return { alert: undefined, state, suppressed: { level, until: new Date(untilMs).toISOString() } };
    }
  }
  return {
    alert: buildAlert({ accountId, kind: "RAISED", level, previousLevel, triggers: capacity.triggers, capacity, at }),
    state: { alertedLevel: level, lastRaisedAt: { ...state.lastRaisedAt, [level]: at } },
    suppressed: undefined,
  };
}

/**
 * True when a subscriber asking for alerts at `minLevel` or above wants this alert: a raise of such a level, or
 * the resolution of one (it saw the raise, so it needs the all-clear).
 */
export function alertMatchesMinLevel(alert: CapacityAlert, minLevel: CapacityLevel): boolean {
  return isLevelAtLeast(alert.kind === "RAISED" ? alert.level : alert.previousLevel, minLevel);
}

/**
 * Checks an alert policy from configuration and returns it unchanged.
 * @throws InvalidInputError (`cooldownMs`, prefixed) unless `cooldownMs` is an integer ≥ 0.
 */
export function validateAlertPolicy(policy: AlertPolicy, fieldPrefix = ""): AlertPolicy {
  if (!Number.isSafeInteger(policy.cooldownMs) || policy.cooldownMs < 0) {
    const field = `${fieldPrefix}cooldownMs`;
    throw new InvalidInputError(field, `${field} must be an integer number of milliseconds, at least 0`);
  }
  return policy;
}

function buildAlert(fields: Omit<CapacityAlert, "id" | "reason" | "threshold">): CapacityAlert {
  const main = fields.triggers[0];
  return {
    id: `${fields.accountId}:${fields.kind}:${fields.level}:${fields.at}`,
    ...fields,
    reason: main?.reason ?? null,
    threshold: main?.threshold ?? null,
  };
}
