import type { ExtensionStatus, ExtensionType } from "../../datasources/ringcentral.wire.js";
import { isRecord } from "../../json.js";
import { asObject, invalidParameter } from "../errors.js";
import type { NewPerson } from "../state.js";

/** Request bodies of createExtension / updateExtension → state inputs, refusing what RingCentral refuses (400 CMN-101). */

// ajv-formats' "email" pattern, so every email the emulator accepts also validates against the spec when echoed.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const EXTENSION_NUMBER = /^\d{3,8}$/;

/** `ExtensionCreationRequest.type` values the emulator's state can hold. */
const CREATABLE_TYPES = [
  "User",
  "VirtualUser",
  "DigitalUser",
  "Department",
  "Announcement",
  "Voicemail",
  "SharedLinesGroup",
  "PagingOnly",
  "ParkLocation",
  "Limited",
] as const satisfies readonly ExtensionType[];

const UPDATE_STATUSES = ["Enabled", "Disabled", "Frozen", "NotActivated"] as const satisfies readonly ExtensionStatus[];

type Body = Record<string, unknown>;

function optionalString(body: Body, key: string, parameterName: string, maxLength: number): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length > maxLength) throw invalidParameter(parameterName, String(value));
  return value;
}

function optionalEnum<T extends string>(body: Body, key: string, allowed: readonly T[]): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw invalidParameter(key, String(value));
  }
  return value as T;
}

interface ContactInput {
  firstName: string | undefined;
  lastName: string | undefined;
  email: string | undefined;
  department: string | undefined;
}

function contactOf(body: Body): ContactInput {
  const contact = body["contact"] === undefined ? {} : asObject(body["contact"], "contact");
  const email = optionalString(contact, "email", "contact.email", 254);
  if (email !== undefined && !EMAIL.test(email)) throw invalidParameter("contact.email", email);
  return {
    firstName: optionalString(contact, "firstName", "contact.firstName", 64),
    lastName: optionalString(contact, "lastName", "contact.lastName", 64),
    email,
    department: optionalString(contact, "department", "contact.department", 64),
  };
}

function extensionNumberOf(body: Body): string | undefined {
  const value = optionalString(body, "extensionNumber", "extensionNumber", 8);
  if (value !== undefined && !EXTENSION_NUMBER.test(value)) throw invalidParameter("extensionNumber", value);
  return value;
}

/** `POST .../extension`: only `contact.firstName` and `contact.email` are required. */
export function parseCreateRequest(raw: unknown): NewPerson {
  const body = asObject(raw ?? {}, "body");
  const contact = contactOf(body);
  if (contact.firstName === undefined || contact.firstName === "") throw invalidParameter("contact.firstName");
  if (contact.email === undefined) throw invalidParameter("contact.email");
  const status = optionalEnum(body, "status", UPDATE_STATUSES);
  const type = optionalEnum(body, "type", CREATABLE_TYPES);
  const extensionNumber = extensionNumberOf(body);
  return {
    firstName: contact.firstName,
    email: contact.email,
    ...(contact.lastName === undefined ? {} : { lastName: contact.lastName }),
    ...(contact.department === undefined ? {} : { department: contact.department }),
    ...(extensionNumber === undefined ? {} : { extensionNumber }),
    ...(status === undefined ? {} : { status }),
    ...(type === undefined ? {} : { type }),
  };
}

export type ExtensionUpdate = Partial<Omit<NewPerson, "type">>;

/**
 * `PUT .../extension/{id}`. Giving an `Unassigned` seat to a person needs a `status` (state.ts refuses
 * without one) and a contact with `firstName` and `email`.
 */
export function parseUpdateRequest(raw: unknown, assigningUnassignedSeat: boolean): ExtensionUpdate {
  const body = asObject(raw ?? {}, "body");
  const contact = contactOf(body);
  if (assigningUnassignedSeat) {
    if (contact.firstName === undefined || contact.firstName === "") throw invalidParameter("contact.firstName");
    if (contact.email === undefined) throw invalidParameter("contact.email");
  }
  const update: ExtensionUpdate = {};
  const status = optionalEnum(body, "status", UPDATE_STATUSES);
  const extensionNumber = extensionNumberOf(body);
  if (status !== undefined) update.status = status;
  if (extensionNumber !== undefined) update.extensionNumber = extensionNumber;
  if (contact.firstName !== undefined) update.firstName = contact.firstName;
  if (contact.lastName !== undefined) update.lastName = contact.lastName;
  if (contact.email !== undefined) update.email = contact.email;
  if (contact.department !== undefined) update.department = contact.department;
  return update;
}

/** `BulkDeleteUsersRequest`: 1..50 `{id}` records. */
export function parseBulkDeleteRequest(raw: unknown): { ids: string[] } {
  const body = asObject(raw ?? {}, "body");
  const records = body["records"];
  if (!Array.isArray(records) || records.length < 1 || records.length > 50) throw invalidParameter("records");
  const ids = records.map((record: unknown, index) => {
    const id = isRecord(record) ? record["id"] : undefined;
    if (typeof id !== "string" || id === "") throw invalidParameter(`records[${index}].id`);
    return id;
  });
  const keep = body["keepAssetsInInventory"];
  if (keep !== undefined && typeof keep !== "boolean") throw invalidParameter("keepAssetsInInventory");
  return { ids };
}
