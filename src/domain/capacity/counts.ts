import type { ExtensionSnapshot, PhoneNumberCounts } from "./types.js";

export interface SeatCounts {
  /** User extensions holding a person: every status except `Unassigned` (Disabled, Frozen, NotActivated too). */
  readonly used: number;
  /** User extensions with status `Unassigned`. */
  readonly unassigned: number;
}

/** A person holds the seat: a `User` extension in any status but `Unassigned`. */
export function isPerson(extension: ExtensionSnapshot): boolean {
  return extension.type === "User" && extension.status !== "Unassigned";
}

/** A paid seat free to give to a person. */
export function isUnassignedSeat(extension: ExtensionSnapshot): boolean {
  return extension.type === "User" && extension.status === "Unassigned";
}

/** Counts seats among extensions. Only type `User` holds a seat; departments, IVR menus and the like are ignored. */
export function countSeats(extensions: readonly ExtensionSnapshot[]): SeatCounts {
  let used = 0;
  let unassigned = 0;
  for (const extension of extensions) {
    if (isPerson(extension)) used += 1;
    else if (isUnassignedSeat(extension)) unassigned += 1;
  }
  return { used, unassigned };
}

/** The fields of a phone number that its headroom depends on. */
export interface PhoneNumberSnapshot {
  /** RingCentral's usage type, e.g. `Inventory`, `DirectNumber`, `MainCompanyNumber`. */
  readonly usageType: string;
  /** The extension the number belongs to; null when none. */
  readonly extensionId: string | null;
}

/**
 * `inventory`: numbers of usage type `Inventory` held by no extension (stock for new users' direct numbers);
 * `assigned`: numbers held by an extension. Company-level numbers (main, company, fax) count as neither.
 */
export function countPhoneNumbers(numbers: readonly PhoneNumberSnapshot[]): PhoneNumberCounts {
  let inventory = 0;
  let assigned = 0;
  for (const number of numbers) {
    if (number.extensionId !== null) assigned += 1;
    else if (number.usageType === "Inventory") inventory += 1;
  }
  return { inventory, assigned };
}
