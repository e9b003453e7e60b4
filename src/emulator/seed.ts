import { readFile } from "node:fs/promises";
import type { ExtensionStatus, ExtensionType, PhoneNumberUsageTypeV2 } from "../datasources/ringcentral.wire.js";

/**
 * A seed is plain data (JSON-compatible): the accounts an emulator starts with. Ids are numeric strings; the
 * emulator serialises them as numbers where RingCentral's v1 API does.
 */
export interface Seed {
  accounts: SeedAccount[];
}

export interface SeedPlan {
  /** `servicePlan.id` */
  id: string;
  /** `servicePlan.name`, also `servicePlanName` in service-info. */
  name: string;
  /** `servicePlan.edition` */
  edition: string;
  /** Cap on user extensions (any status, including `Unassigned`) imposed by the plan; null = not plan-capped. */
  userExtensionCap: number | null;
  /** Licences bought; each is one user extension. null = not licence-bound. */
  licenses: number | null;
  /** What deleting a user does to its seat: `unassign` keeps a paid licence as an `Unassigned` extension. */
  onUserDelete: "remove" | "unassign";
}

export interface SeedCredentials {
  clientId: string;
  clientSecret: string;
  /** The JWT assertion accepted by the jwt-bearer grant for this account's admin. Opaque to the emulator. */
  jwt: string;
}

export interface SeedExtension {
  id: string;
  extensionNumber?: string;
  type: ExtensionType;
  status: ExtensionStatus;
  firstName?: string;
  lastName?: string;
  /** Non-user extensions (departments, IVR menus) carry a name but no person. */
  name?: string;
  email?: string;
  department?: string;
  creationTime?: string;
}

export interface SeedPhoneNumber {
  id: string;
  phoneNumber: string;
  usageType: PhoneNumberUsageTypeV2;
  tollType?: "Toll" | "TollFree";
  type?: "VoiceFax" | "VoiceOnly" | "FaxOnly";
  /** Extension id for `DirectNumber`s. */
  extensionId?: string;
}

export interface SeedAccount {
  id: string;
  companyName: string;
  mainNumber: string;
  status?: "Initial" | "Unconfirmed" | "Confirmed" | "Disabled";
  plan: SeedPlan;
  credentials: SeedCredentials;
  /** The admin extension the JWT logs in as (RingCentral's operator/owner). Must be listed in `extensions`. */
  adminExtensionId: string;
  extensions: SeedExtension[];
  phoneNumbers: SeedPhoneNumber[];
}

/** Reads a seed from a JSON file (for `npm run emulator -- --seed file.json`). */
export async function loadSeedFile(path: string): Promise<Seed> {
  const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as Seed).accounts)) {
    throw new Error(`Seed file ${path} must be a JSON object with an "accounts" array`);
  }
  return parsed as Seed;
}
