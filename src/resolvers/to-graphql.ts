import { identifyPlanCap } from "../domain/capacity/plan.js";
import type { Capacity as DomainCapacity, PlanCapRule } from "../domain/capacity/types.js";
import type {
  AccountInfo,
  Extension as DomainExtension,
  PhoneNumber as DomainPhoneNumber,
} from "../domain/directory.js";
import type { Account } from "../schema/account.type.js";
import type { Capacity } from "../schema/capacity.type.js";
import type { CapacityLevel, ExtensionStatus, LimitSource, RemediationKind } from "../schema/enums.js";
import type { Extension } from "../schema/extension.type.js";
import { toGlobalId } from "../schema/global-id.js";
import type { PhoneNumber } from "../schema/phone-number.type.js";
import type { User } from "../schema/user.type.js";

/** Domain records → the plain objects the GraphQL types describe. Upstream names stop here. */

export function toAccount(info: AccountInfo, planCapRules: readonly PlanCapRule[]): Account {
  const planCap = identifyPlanCap({ ...info.plan, serverUrl: info.serverUrl }, planCapRules);
  return {
    nodeType: "Account",
    id: toGlobalId("Account", info.rcId),
    rcId: info.rcId,
    name: info.name,
    mainNumber: info.mainNumber,
    status: info.status,
    plan: {
      name: info.plan.name,
      edition: info.plan.edition,
      sandbox: planCap?.kind === "SANDBOX",
      userCap: planCap?.cap ?? null,
    },
  } satisfies Account;
}

export function toCapacity(capacity: DomainCapacity): Capacity {
  return {
    limit: capacity.limit,
    limitSource: capacity.limitSource as LimitSource,
    used: capacity.used,
    unassigned: capacity.unassigned,
    available: capacity.available,
    overLimit: capacity.overLimit,
    utilization: capacity.utilization,
    level: capacity.level as CapacityLevel,
    remediation: capacity.remediation && {
      kind: capacity.remediation.kind as RemediationKind,
      message: capacity.remediation.message,
    },
    phoneNumbers: { ...capacity.phoneNumbers },
    observedAt: capacity.observedAt,
    stale: capacity.stale,
  } satisfies Capacity;
}

export function toUser(accountId: string, extension: DomainExtension): User {
  return {
    nodeType: "User",
    id: toGlobalId("User", accountId, extension.rcId),
    rcId: extension.rcId,
    extensionNumber: extension.extensionNumber,
    name: extension.name,
    firstName: extension.firstName,
    lastName: extension.lastName,
    email: extension.email,
    department: extension.department,
    status: extension.status as ExtensionStatus,
    createdAt: extension.createdAt,
    accountId,
  } satisfies User;
}

export function toExtension(accountId: string, extension: DomainExtension): Extension {
  return {
    nodeType: "Extension",
    id: toGlobalId("Extension", accountId, extension.rcId),
    rcId: extension.rcId,
    extensionNumber: extension.extensionNumber,
    name: extension.name,
    type: extension.type,
    status: extension.status as ExtensionStatus,
    createdAt: extension.createdAt,
    accountId,
  } satisfies Extension;
}

export function toPhoneNumber(accountId: string, number: DomainPhoneNumber): PhoneNumber {
  return {
    nodeType: "PhoneNumber",
    id: toGlobalId("PhoneNumber", accountId, number.rcId),
    rcId: number.rcId,
    phoneNumber: number.phoneNumber,
    usageType: number.usageType,
    tollType: number.tollType,
    assigned: number.extensionRcId !== null,
    accountId,
    extensionRcId: number.extensionRcId,
  } satisfies PhoneNumber;
}
