import { registerEnumType } from "type-graphql";

/** Where the seat limit came from; first match wins, in this order. */
export enum LimitSource {
  CONFIGURED = "CONFIGURED",
  PLAN = "PLAN",
  LICENSES = "LICENSES",
  UNLIMITED = "UNLIMITED",
}

export enum CapacityLevel {
  OK = "OK",
  WARNING = "WARNING",
  CRITICAL = "CRITICAL",
  EXHAUSTED = "EXHAUSTED",
}

export enum ExtensionStatus {
  Enabled = "Enabled",
  Disabled = "Disabled",
  Frozen = "Frozen",
  NotActivated = "NotActivated",
  Unassigned = "Unassigned",
}

export enum AccountOrder {
  /** Least headroom first: exhausted accounts, then by seats left. */
  HEADROOM_ASC = "HEADROOM_ASC",
  NAME_ASC = "NAME_ASC",
}

export enum RemediationKind {
  CONTACT_DEVELOPER_SUPPORT = "CONTACT_DEVELOPER_SUPPORT",
  UPGRADE_PLAN = "UPGRADE_PLAN",
  BUY_LICENSES = "BUY_LICENSES",
  REVIEW_CONTRACT = "REVIEW_CONTRACT",
}

export enum Role {
  VIEWER = "viewer",
  OPERATOR = "operator",
}

registerEnumType(LimitSource, { name: "LimitSource", description: "Where a capacity limit comes from." });
registerEnumType(CapacityLevel, { name: "CapacityLevel", description: "How close an account is to its seat limit." });
registerEnumType(ExtensionStatus, { name: "ExtensionStatus", description: "RingCentral's extension status." });
registerEnumType(RemediationKind, { name: "RemediationKind" });
registerEnumType(AccountOrder, { name: "AccountOrder" });
registerEnumType(Role, { name: "Role", description: "viewer reads and subscribes; operator also provisions." });

export enum ProvisioningStrategy {
  /** A paid `Unassigned` extension was given to the person. */
  UNASSIGNED_SEAT = "UNASSIGNED_SEAT",
  /** A new user extension was created (the plan or licences had room). */
  NEW_EXTENSION = "NEW_EXTENSION",
}

export enum PhoneNumberChoice {
  /** The first unassigned number in inventory, when there is one. */
  AUTO = "AUTO",
  /** The number given in `phoneNumberId`. */
  SPECIFIC = "SPECIFIC",
  NONE = "NONE",
}

export enum SeatOutcome {
  /** The licence stays paid for: the seat is an `Unassigned` extension again. */
  RETURNED_TO_UNASSIGNED = "RETURNED_TO_UNASSIGNED",
  /** The extension is gone (plan-capped accounts). */
  REMOVED = "REMOVED",
}

export enum NewUserStatus {
  /** RingCentral sends a welcome email; the user activates the account. */
  NotActivated = "NotActivated",
  Enabled = "Enabled",
}

registerEnumType(ProvisioningStrategy, { name: "ProvisioningStrategy" });
registerEnumType(PhoneNumberChoice, { name: "PhoneNumberChoice" });
registerEnumType(SeatOutcome, { name: "SeatOutcome" });
registerEnumType(NewUserStatus, { name: "NewUserStatus" });

export enum AlertKind {
  /** The level rose past the subscriber's minimum. */
  RAISED = "RAISED",
  /** The level fell back to OK. */
  RESOLVED = "RESOLVED",
  /** The state when the subscription started (`initial: true`). */
  CURRENT = "CURRENT",
}

export enum ChangeCause {
  MUTATION = "MUTATION",
  PUSH = "PUSH",
  POLL = "POLL",
  THRESHOLDS = "THRESHOLDS",
  /** The state when the subscription started. */
  INITIAL = "INITIAL",
}

export enum ExtensionChangeKind {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  DELETED = "DELETED",
  /** An Unassigned seat was given to a person. */
  ASSIGNED = "ASSIGNED",
}

export enum LevelReason {
  UTILIZATION = "UTILIZATION",
  SEATS_LEFT = "SEATS_LEFT",
  NO_SEATS = "NO_SEATS",
}

registerEnumType(AlertKind, { name: "AlertKind" });
registerEnumType(ChangeCause, { name: "ChangeCause", description: "What made the account change." });
registerEnumType(ExtensionChangeKind, { name: "ExtensionChangeKind" });
registerEnumType(LevelReason, { name: "LevelReason", description: "Which threshold a level was reached by." });
