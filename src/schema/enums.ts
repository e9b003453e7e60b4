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
