/**
 * Plain data of the capacity domain. Everything here is JSON-safe (ISO strings, no `Date`, no classes), so a
 * capacity or an alert can cross Redis pub/sub or a cache unchanged.
 */

/** RingCentral's extension status. Every status except `Unassigned` means a person holds the seat. */
export type ExtensionStatus = "Enabled" | "Disabled" | "Frozen" | "NotActivated" | "Unassigned";

/** The two fields of an extension that capacity depends on. Only `type === "User"` holds a seat. */
export interface ExtensionSnapshot {
  readonly type: string;
  readonly status: ExtensionStatus;
}

/** Plan identity as RingCentral reports it (`service-info`) plus the server the account lives on. */
export interface PlanInfo {
  /** `servicePlan.name` (or `servicePlanName`), e.g. "RingEX Essentials"; null when RingCentral omits it. */
  readonly name: string | null;
  /** `servicePlan.edition`, e.g. "Essentials"; null when RingCentral omits it. */
  readonly edition: string | null;
  /** The RingCentral server the account is reached through, e.g. `https://platform.devtest.ringcentral.com`. */
  readonly serverUrl: string;
}

/** Phone-number headroom: numbers in stock for new users vs numbers already given to an extension. */
export interface PhoneNumberCounts {
  /** Numbers in inventory (usage type `Inventory`), free to become a new user's direct number. */
  readonly inventory: number;
  /** Numbers assigned to an extension. */
  readonly assigned: number;
}

/** What the datasource observed of one account: the input of `computeCapacity`. */
export interface AccountSnapshot {
  readonly extensions: readonly ExtensionSnapshot[];
  readonly plan: PlanInfo;
  readonly phoneNumbers: PhoneNumberCounts;
}

/**
 * `SANDBOX`: a developer sandbox (remediation: ask developer support).
 * `PLAN`: a production plan with a fixed cap such as Essentials (remediation: upgrade or ask the account manager).
 */
export type PlanKind = "SANDBOX" | "PLAN";

/**
 * Maps a plan to its cap. Every criterion given in `match` must hold (AND); a rule must give at least one.
 * Rules are tried in order and the first match wins. RingCentral's exact plan strings are unconfirmed, so the
 * rules are configuration; `DEFAULT_PLAN_CAP_RULES` covers the known cases.
 */
export interface PlanCapRule {
  readonly match: {
    /** Host name of the server URL, compared case-insensitively and without the port. */
    readonly serverHost?: string;
    /** `PlanInfo.edition`, compared case-insensitively and exactly. */
    readonly edition?: string;
    /** A case-insensitive substring of `PlanInfo.name`. */
    readonly nameContains?: string;
  };
  /** Maximum number of user extensions (any status, `Unassigned` included). A non-negative integer. */
  readonly cap: number;
  readonly kind: PlanKind;
}

/** Where the limit comes from; first match wins in this order. */
export type LimitSource = "CONFIGURED" | "PLAN" | "LICENSES" | "UNLIMITED";

/** Ordered by severity: `OK` < `WARNING` < `CRITICAL` < `EXHAUSTED`. */
export type CapacityLevel = "OK" | "WARNING" | "CRITICAL" | "EXHAUSTED";

/** A level above `OK`: the levels an alert can be raised for. */
export type AlertLevel = Exclude<CapacityLevel, "OK">;

/**
 * The account's alert thresholds. A level is reached when utilization reaches its ratio **or** the seats left
 * fall to its count, whichever comes first.
 */
export interface CapacityThresholds {
  /** Utilization ratio (0 < x ≤ 1) at which `WARNING` starts. Default 0.80. */
  readonly warningUtilization: number;
  /** Utilization ratio (warning ≤ x ≤ 1) at which `CRITICAL` starts. Default 0.95. */
  readonly criticalUtilization: number;
  /** Seats left (integer ≥ 0) at or below which `WARNING` starts. Default 2; 0 turns the seat rule off. */
  readonly warningSeatsLeft: number;
  /** Seats left (integer, 0 ≤ x ≤ warningSeatsLeft) at or below which `CRITICAL` starts. Default 1. */
  readonly criticalSeatsLeft: number;
}

/** Why a level was reached: the rule and the threshold value it crossed. */
export type LevelReason = "UTILIZATION" | "SEATS_LEFT" | "NO_SEATS";

export interface LevelTrigger {
  readonly reason: LevelReason;
  /** The threshold crossed: a ratio for `UTILIZATION`, a seat count for `SEATS_LEFT`, 0 for `NO_SEATS`. */
  readonly threshold: number;
}

export type RemediationKind = "CONTACT_DEVELOPER_SUPPORT" | "UPGRADE_PLAN" | "BUY_LICENSES" | "REVIEW_CONTRACT";

/** What to do when the seats run out; `message` is safe to show a client. */
export interface Remediation {
  readonly kind: RemediationKind;
  readonly message: string;
}

/** How one account's limit is derived and judged. Build it once from configuration; see `validateCapacityPolicy`. */
export interface CapacityPolicy {
  /** Operator-set limit for the account (source `CONFIGURED`, beats every other source); null = none. */
  readonly configuredLimit: number | null;
  readonly planCapRules: readonly PlanCapRule[];
  /**
   * What an account gets when it has no configured limit and no plan-cap rule matches. `true` (the default):
   * source `LICENSES`, limit `used + unassigned`, because every RingCentral production plan other than
   * Essentials is sold per licence. `false`: source `UNLIMITED`, for an account the operator knows has no cap.
   */
  readonly licenseBound: boolean;
  readonly thresholds: CapacityThresholds;
}

/** The derived seat capacity of one account at one moment. */
export interface Capacity {
  /** Maximum seats; null when unlimited. */
  readonly limit: number | null;
  readonly limitSource: LimitSource;
  /** User extensions holding a person: every status except `Unassigned`. */
  readonly used: number;
  /** User extensions with status `Unassigned`: paid seats free to give to a person. */
  readonly unassigned: number;
  /** `limit - used`, never below 0 (see `overLimit`); null when unlimited. */
  readonly available: number | null;
  /** Seats used beyond the limit, e.g. after a plan downgrade; 0 when within it or unlimited. */
  readonly overLimit: number;
  /** `used / limit` (may exceed 1 when over the limit; 1 for a zero limit); null when unlimited. */
  readonly utilization: number | null;
  readonly level: CapacityLevel;
  /** Every threshold that holds at `level`, most telling first; empty when `OK`. */
  readonly triggers: readonly LevelTrigger[];
  /** What to do when seats run out, by limit source; null when unlimited. */
  readonly remediation: Remediation | null;
  readonly phoneNumbers: PhoneNumberCounts;
  /** The thresholds `level` was judged by. */
  readonly thresholds: CapacityThresholds;
  /** When the snapshot was read from RingCentral (ISO 8601). */
  readonly observedAt: string;
  /** True when served from cache because RingCentral was unreachable. */
  readonly stale: boolean;
}
