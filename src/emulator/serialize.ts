import type {
  WireAccountInfo,
  WireExtension,
  WireNavigation,
  WirePaging,
  WireServiceInfo,
  WireTokenInfo,
  WireV1PhoneNumber,
  WireV2PhoneNumber,
} from "../datasources/ringcentral.wire.js";
import type { AccountRecord, ExtensionRecord, PhoneNumberRecord } from "./state.js";
import type { IssuedTokens } from "./tokens.js";

/** Records → RingCentral wire JSON. `origin` is the emulator's absolute origin, e.g. `http://127.0.0.1:3001`. */

const SCOPE = "ReadAccounts EditAccounts EditExtensions ReadPresence SubscriptionWebhook WebSocket";
const BRAND = { id: "1210", name: "RingCentral Inc.", homeCountry: { id: "1", name: "United States", isoCode: "US" } };

export function toTokenInfo(tokens: IssuedTokens): WireTokenInfo {
  return {
    access_token: tokens.accessToken,
    token_type: "bearer",
    expires_in: tokens.expiresInSeconds,
    refresh_token: tokens.refreshToken,
    refresh_token_expires_in: tokens.refreshExpiresInSeconds,
    scope: SCOPE,
    owner_id: tokens.owner.extensionId,
    endpoint_id: tokens.endpointId,
    session_id: tokens.sessionId,
  };
}

export function accountUri(origin: string, accountId: string): string {
  return `${origin}/restapi/v1.0/account/${accountId}`;
}

export function extensionUri(origin: string, accountId: string, extensionId: string): string {
  return `${accountUri(origin, accountId)}/extension/${extensionId}`;
}

function servicePlan(account: AccountRecord): WireServiceInfo["servicePlan"] {
  return { id: account.plan.id, name: account.plan.name, edition: account.plan.edition };
}

function billingPlan(account: AccountRecord): NonNullable<WireServiceInfo["billingPlan"]> {
  return {
    id: `9${account.plan.id}`,
    name: `Monthly - ${account.plan.name}`,
    durationUnit: "Month",
    duration: 1,
    type: "Regular",
  };
}

export function toAccountInfo(origin: string, account: AccountRecord): WireAccountInfo {
  const admin = account.extensions.get(account.adminExtensionId);
  const uri = accountUri(origin, account.id);
  return {
    id: Number(account.id),
    uri,
    mainNumber: account.mainNumber,
    status: account.status,
    operator: {
      uri: extensionUri(origin, account.id, account.adminExtensionId),
      id: Number(account.adminExtensionId),
      ...(admin?.extensionNumber === undefined ? {} : { extensionNumber: admin.extensionNumber }),
    },
    serviceInfo: {
      uri: `${uri}/service-info`,
      brand: BRAND,
      servicePlan: servicePlan(account),
      billingPlan: billingPlan(account),
    },
    setupWizardState: "Completed",
  };
}

export function toServiceInfo(origin: string, account: AccountRecord): WireServiceInfo & Record<string, unknown> {
  return {
    uri: `${accountUri(origin, account.id)}/service-info`,
    servicePlanName: account.plan.name,
    brand: BRAND,
    servicePlan: servicePlan(account),
    billingPlan: billingPlan(account),
    serviceFeatures: [
      { featureName: "UserManagement", enabled: true },
      { featureName: "DeveloperPortal", enabled: true },
    ],
    limits: { maxExtensionNumberLength: 5, shortExtensionNumberLength: 3, freeSoftPhoneLinesPerExtension: 1 },
    package: { version: "1", id: account.plan.id },
  };
}

function displayName(record: ExtensionRecord): string | undefined {
  if (record.name !== undefined) return record.name;
  const name = [record.firstName, record.lastName].filter((part) => part !== undefined && part !== "").join(" ");
  return name === "" ? undefined : name;
}

/** `GetExtensionListInfoResponse`: the list record. */
export function toExtensionListItem(origin: string, account: AccountRecord, record: ExtensionRecord): WireExtension {
  const uri = extensionUri(origin, account.id, record.id);
  const name = displayName(record);
  const contact: WireExtension["contact"] = {};
  if (record.name !== undefined) contact.firstName = record.name;
  if (record.firstName !== undefined) contact.firstName = record.firstName;
  if (record.lastName !== undefined) contact.lastName = record.lastName;
  if (record.email !== undefined) {
    contact.email = record.email;
    contact.emailAsLoginName = true;
  }
  if (record.department !== undefined) contact.department = record.department;
  return {
    uri,
    id: Number(record.id),
    ...(record.extensionNumber === undefined ? {} : { extensionNumber: record.extensionNumber }),
    ...(name === undefined ? {} : { name }),
    type: record.type,
    status: record.status,
    contact,
    hidden: record.status === "Unassigned",
    permissions: {
      admin: { enabled: record.id === account.adminExtensionId },
      internationalCalling: { enabled: false },
    },
    creationTime: record.creationTime,
  };
}

/** `GetExtensionInfoResponse`: one extension, as read, created or updated. */
export function toExtensionInfo(origin: string, account: AccountRecord, record: ExtensionRecord): WireExtension {
  return {
    ...toExtensionListItem(origin, account, record),
    account: { id: account.id, uri: accountUri(origin, account.id) },
    setupWizardState: record.status === "Enabled" ? "Completed" : "NotStarted",
  };
}

/** v1 has no `Inventory` usage type: stock numbers are listed as `NumberPool` (see CONTRACT.md). */
export function toV1UsageType(number: PhoneNumberRecord): string {
  switch (number.usageType) {
    case "Inventory":
      return "NumberPool";
    case "PhoneLine":
      return number.extensionId === undefined ? "CompanyNumber" : "DirectNumber";
    default:
      return number.usageType;
  }
}

export function toV1PhoneNumber(origin: string, account: AccountRecord, number: PhoneNumberRecord): WireV1PhoneNumber {
  const extension = number.extensionId === undefined ? undefined : account.extensions.get(number.extensionId);
  const extensionName = extension === undefined ? undefined : displayName(extension);
  return {
    uri: `${accountUri(origin, account.id)}/phone-number/${number.id}`,
    id: Number(number.id),
    phoneNumber: number.phoneNumber,
    paymentType: number.tollType === "TollFree" ? "TollFree" : "Local",
    status: "Normal",
    type: number.type,
    usageType: toV1UsageType(number),
    primary: number.usageType === "MainCompanyNumber",
    ...(extension === undefined
      ? {}
      : {
          extension: {
            id: Number(extension.id),
            uri: extensionUri(origin, account.id, extension.id),
            ...(extension.extensionNumber === undefined ? {} : { extensionNumber: extension.extensionNumber }),
            ...(extensionName === undefined ? {} : { name: extensionName }),
          },
        }),
  };
}

export function toV2PhoneNumber(account: AccountRecord, number: PhoneNumberRecord): WireV2PhoneNumber {
  const extension = number.extensionId === undefined ? undefined : account.extensions.get(number.extensionId);
  return {
    id: number.id,
    phoneNumber: number.phoneNumber,
    type: number.type,
    tollType: number.tollType,
    usageType: number.usageType,
    status: "Normal",
    byocNumber: false,
    primary: number.usageType === "MainCompanyNumber",
    ...(extension === undefined
      ? {}
      : {
          extension: {
            id: extension.id,
            ...(extension.extensionNumber === undefined ? {} : { extensionNumber: extension.extensionNumber }),
          },
        }),
  };
}

export interface Page<T> {
  records: T[];
  paging: WirePaging;
  page: number;
  totalPages: number;
}

/** Cuts one page out of `items`; `paging` carries only `EnumeratedPagingModel`'s fields. */
export function paginate<T>(items: readonly T[], page: number, perPage: number): Page<T> {
  const totalElements = items.length;
  const totalPages = Math.ceil(totalElements / perPage);
  const start = (page - 1) * perPage;
  const records = items.slice(start, start + perPage);
  const paging: WirePaging = { page, totalPages, perPage, totalElements };
  if (records.length > 0) {
    paging.pageStart = start;
    paging.pageEnd = start + records.length - 1;
  }
  return { records, paging, page, totalPages };
}

/** Absolute `navigation` links: the request's own URL with `page` (and `perPage`) replaced. */
export function navigation(requestUrl: URL, page: number, totalPages: number, perPage: number): WireNavigation {
  const link = (target: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set("page", String(target));
    url.searchParams.set("perPage", String(perPage));
    return { uri: url.toString() };
  };
  const last = Math.max(1, totalPages);
  const nav: WireNavigation = { firstPage: link(1) };
  if (page < totalPages) nav.nextPage = link(page + 1);
  if (page > 1) nav.previousPage = link(Math.min(page - 1, last));
  nav.lastPage = link(last);
  return nav;
}
