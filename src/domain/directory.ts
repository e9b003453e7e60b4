/**
 * What Headroom knows about an account's directory, in its own names. The datasource maps RingCentral's wire
 * shapes into these; resolvers and the capacity model read only these.
 */

import type { ExtensionStatus } from "./capacity/types.js";

export type { ExtensionStatus };

export interface PlanIdentity {
  id: string | null;
  name: string | null;
  edition: string | null;
}

export interface AccountInfo {
  /** RingCentral's account id (numeric string). */
  rcId: string;
  /** Company name: configured, else the admin's `contact.company`, else null. */
  name: string | null;
  mainNumber: string | null;
  status: string;
  plan: PlanIdentity;
  /** The RingCentral server the account lives on: tells sandbox from production. */
  serverUrl: string;
}

export interface Extension {
  rcId: string;
  extensionNumber: string | null;
  /** RingCentral's extension type (`User`, `Department`, `IvrMenu`, ...). */
  type: string;
  status: ExtensionStatus;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  department: string | null;
  createdAt: string | null;
}

export interface PhoneNumber {
  rcId: string;
  /** E.164 */
  phoneNumber: string;
  /** RingCentral v2 usage type (`Inventory`, `DirectNumber`, `MainCompanyNumber`, ...). */
  usageType: string;
  tollType: "Toll" | "TollFree";
  status: string;
  extensionRcId: string | null;
}

// What holds a seat is the capacity model's rule: one definition for counting and for provisioning.
export { isPerson, isUnassignedSeat } from "./capacity/counts.js";

/** A number in stock: held by no extension, free to give to a user. */
export function isInInventory(number: PhoneNumber): boolean {
  return number.extensionRcId === null && number.usageType === "Inventory";
}

/** A value read from upstream, with when it was read and whether it is served past its freshness. */
export interface Observed<T> {
  value: T;
  /** ISO-8601 */
  observedAt: string;
  /** True when served from cache because RingCentral could not answer in time. */
  stale: boolean;
}
