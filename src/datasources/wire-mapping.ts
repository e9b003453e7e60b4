import type { AccountInfo, Extension, PhoneNumber } from "../domain/directory.js";
import type { WireAccountInfo, WireExtension, WireV2PhoneNumber } from "./ringcentral.wire.js";

/** `AccountInfo` without the name, which is resolved per read (configured, else the admin's company). */
export type AccountRecord = Omit<AccountInfo, "name">;

/** What `readAccountInfo` tells, as cached. */
export interface AccountSnapshot {
  account: AccountRecord;
  /** The operator (admin) extension: its `contact.company` names the account when no name is configured. */
  operatorExtensionId: string | null;
}

/** What `listExtensions` tells, as cached. */
export interface ExtensionsSnapshot {
  extensions: Extension[];
  /** `contact.company` by extension id, where set: the account's name source when none is configured. */
  companies: Record<string, string>;
}

export function toAccountSnapshot(wire: WireAccountInfo, serverUrl: string): AccountSnapshot {
  const plan = wire.serviceInfo?.servicePlan;
  return {
    account: {
      rcId: String(wire.id),
      mainNumber: wire.mainNumber ?? null,
      status: wire.status,
      plan: { id: plan?.id ?? null, name: plan?.name ?? null, edition: plan?.edition ?? null },
      serverUrl,
    },
    operatorExtensionId: wire.operator ? String(wire.operator.id) : null,
  };
}

export function toExtension(wire: WireExtension): Extension {
  const contact = wire.contact ?? {};
  return {
    rcId: String(wire.id),
    extensionNumber: wire.extensionNumber ?? null,
    type: wire.type,
    status: wire.status,
    name: wire.name ?? contact.name ?? null,
    firstName: contact.firstName ?? null,
    lastName: contact.lastName ?? null,
    email: contact.email ?? null,
    department: contact.department ?? null,
    createdAt: wire.creationTime ?? null,
  };
}

export function toExtensionsSnapshot(wire: readonly WireExtension[]): ExtensionsSnapshot {
  const companies: Record<string, string> = {};
  for (const record of wire) {
    const company = record.contact?.company;
    if (company) companies[String(record.id)] = company;
  }
  return { extensions: wire.map(toExtension), companies };
}

/** The snapshot with `wire` in place of the extension of the same id, or added when it is new. */
export function withExtension(snapshot: ExtensionsSnapshot, wire: WireExtension): ExtensionsSnapshot {
  const { [String(wire.id)]: _previous, ...companies } = snapshot.companies;
  const company = wire.contact?.company;
  return {
    extensions: replaceById(snapshot.extensions, toExtension(wire)),
    companies: company ? { ...companies, [String(wire.id)]: company } : companies,
  };
}

/** `list` with `item` in place of the element of the same `rcId`, or appended. */
export function replaceById<T extends { readonly rcId: string }>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((element) => element.rcId === item.rcId);
  return index < 0 ? [...list, item] : list.map((element, at) => (at === index ? item : element));
}

export function toPhoneNumber(wire: WireV2PhoneNumber): PhoneNumber {
  return {
    rcId: String(wire.id),
    phoneNumber: wire.phoneNumber,
    usageType: wire.usageType,
    tollType: wire.tollType,
    status: wire.status,
    extensionRcId: wire.extension ? String(wire.extension.id) : null,
  };
}
