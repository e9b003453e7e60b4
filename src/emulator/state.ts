import { EventEmitter } from "node:events";
import type {
  ExtensionStatus,
  ExtensionType,
  PhoneNumberUsageTypeV2,
  WireExtensionListChange,
} from "../datasources/ringcentral.wire.js";
import type { Seed, SeedAccount, SeedPlan } from "./seed.js";

/**
 * The emulator's truth: accounts, their extensions and numbers, and the rules RingCentral enforces on them
 * (extension cap, unique extension numbers and emails). HTTP routes and controls both change data only through
 * these methods, so every change emits the same Extension List event.
 */

export interface ExtensionRecord {
  id: string;
  extensionNumber: string | undefined;
  type: ExtensionType;
  status: ExtensionStatus;
  firstName: string | undefined;
  lastName: string | undefined;
  /** Name of a non-person extension (department, IVR); persons derive theirs from first + last. */
  name: string | undefined;
  email: string | undefined;
  department: string | undefined;
  creationTime: string;
}

export interface PhoneNumberRecord {
  id: string;
  phoneNumber: string;
  usageType: PhoneNumberUsageTypeV2;
  tollType: "Toll" | "TollFree";
  type: "VoiceFax" | "VoiceOnly" | "FaxOnly";
  extensionId: string | undefined;
}

export interface AccountRecord {
  id: string;
  companyName: string;
  mainNumber: string;
  status: "Initial" | "Unconfirmed" | "Confirmed" | "Disabled";
  plan: SeedPlan;
  credentials: SeedAccount["credentials"];
  adminExtensionId: string;
  /** Insertion-ordered, as RingCentral lists them. */
  extensions: Map<string, ExtensionRecord>;
  phoneNumbers: Map<string, PhoneNumberRecord>;
}

/** A refusal that the HTTP layer renders as RingCentral's error body. */
export class EmulatorRuleError extends Error {
  override readonly name = "EmulatorRuleError";
  constructor(
    readonly httpStatus: number,
    readonly errorCode: string,
    message: string,
    readonly parameterName?: string,
    readonly parameterValue?: string,
  ) {
    super(message);
  }
}

/**
 * Emulator-specific code for a refused extension create at the plan cap or licence count. RingCentral documents
 * none for the v1 API (REFERENCE.md §4.3); CONTRACT.md says so.
 */
export const EXTENSION_LIMIT_ERROR_CODE = "EMU-LIMIT-001";

export interface ExtensionListEvent {
  accountId: string;
  changes: WireExtensionListChange[];
}

export interface NewPerson {
  firstName: string;
  lastName?: string;
  email: string;
  extensionNumber?: string;
  department?: string;
  status?: Exclude<ExtensionStatus, "Unassigned">;
  type?: ExtensionType;
}

export class EmulatorState {
  readonly accounts = new Map<string, AccountRecord>();
  private readonly events = new EventEmitter();
  private nextId: number;

  constructor(
    seed: Seed,
    private readonly now: () => Date = () => new Date(),
  ) {
    let maxId = 0;
    for (const account of seed.accounts) {
      this.accounts.set(account.id, toAccountRecord(account, this.now().toISOString()));
      for (const id of [account.id, ...account.extensions.map((e) => e.id), ...account.phoneNumbers.map((p) => p.id)]) {
        maxId = Math.max(maxId, Number(id));
      }
    }
    this.nextId = maxId + 1;
  }

  /** Listen to Extension List changes; returns the unsubscribe function. */
  onExtensionListChange(listener: (event: ExtensionListEvent) => void): () => void {
    this.events.on("extensions", listener);
    return () => this.events.off("extensions", listener);
  }

  account(accountId: string): AccountRecord {
    const account = this.accounts.get(accountId);
    if (!account)
      throw new EmulatorRuleError(404, "CMN-102", `Resource for parameter [accountId] is not found`, "accountId");
    return account;
  }

  extension(accountId: string, extensionId: string): ExtensionRecord {
    const extension = this.account(accountId).extensions.get(extensionId);
    if (!extension) {
      throw new EmulatorRuleError(404, "CMN-102", `Resource for parameter [extensionId] is not found`, "extensionId");
    }
    return extension;
  }

  /** Counts `User` extensions in every status, `Unassigned` included: that is what plan caps and licences bound. */
  userExtensionCount(accountId: string): number {
    return [...this.account(accountId).extensions.values()].filter((e) => e.type === "User").length;
  }

  /** Creates an extension; for `User` type, refuses past the plan cap or the licence count. */
  createExtension(accountId: string, person: NewPerson): ExtensionRecord {
    const account = this.account(accountId);
    const type = person.type ?? "User";
    if (type === "User") this.assertSeatAvailable(account);
    this.assertUniqueEmail(account, person.email, undefined);
    const extensionNumber = person.extensionNumber ?? this.nextFreeExtensionNumber(account);
    this.assertUniqueExtensionNumber(account, extensionNumber, undefined);
    const record: ExtensionRecord = {
      id: this.allocateId(),
      extensionNumber,
      type,
      status: person.status ?? "NotActivated",
      firstName: person.firstName,
      lastName: person.lastName,
      name: undefined,
      email: person.email,
      department: person.department,
      creationTime: this.now().toISOString(),
    };
    account.extensions.set(record.id, record);
    this.emit(accountId, [{ extensionId: record.id, eventType: "Create" }]);
    return record;
  }

  /** Updates an extension; giving an `Unassigned` seat to a person is an update with a number and a contact. */
  updateExtension(accountId: string, extensionId: string, update: Partial<Omit<NewPerson, "type">>): ExtensionRecord {
    const account = this.account(accountId);
    const record = this.extension(accountId, extensionId);
    // A person on an unassigned seat needs the status change that activates it, as RingCentral's PUT does.
    if (record.status === "Unassigned" && update.status === undefined) {
      throw new EmulatorRuleError(400, "CMN-101", "Parameter [status] value is invalid.", "status");
    }
    if (update.email !== undefined) this.assertUniqueEmail(account, update.email, extensionId);
    if (update.extensionNumber !== undefined) {
      this.assertUniqueExtensionNumber(account, update.extensionNumber, extensionId);
    }
    if (record.status === "Unassigned" && update.status !== undefined) {
      record.extensionNumber = update.extensionNumber ?? this.nextFreeExtensionNumber(account);
    }
    for (const key of ["extensionNumber", "status", "firstName", "lastName", "email", "department"] as const) {
      if (update[key] !== undefined) record[key] = update[key] as never;
    }
    this.emit(accountId, [{ extensionId, eventType: "Update", hints: ["ExtensionInfo"] }]);
    return record;
  }

  /**
   * Deletes an extension. A user on a licence-bound plan leaves its paid licence behind as a new `Unassigned`
   * extension (RingCentral keeps the line in inventory); elsewhere the seat disappears.
   * Returns the new unassigned extension, if one was left.
   */
  deleteExtension(accountId: string, extensionId: string): ExtensionRecord | undefined {
    const account = this.account(accountId);
    const record = this.extension(accountId, extensionId);
    if (extensionId === account.adminExtensionId) {
      throw new EmulatorRuleError(403, "CMN-101", "Parameter [extensionId] value is invalid.", "extensionId");
    }
    account.extensions.delete(extensionId);
    for (const number of account.phoneNumbers.values()) {
      if (number.extensionId === extensionId) {
        number.extensionId = undefined;
        number.usageType = "Inventory";
      }
    }
    const changes: WireExtensionListChange[] = [{ extensionId, eventType: "Delete" }];
    let leftBehind: ExtensionRecord | undefined;
    if (record.type === "User" && record.status !== "Unassigned" && account.plan.onUserDelete === "unassign") {
      leftBehind = this.addUnassignedExtension(account);
      changes.push({ extensionId: leftBehind.id, eventType: "Create" });
    }
    this.emit(accountId, changes);
    return leftBehind;
  }

  /** Portal action: licences bought arrive as `Unassigned` user extensions. */
  buyLicenses(accountId: string, count: number): ExtensionRecord[] {
    const account = this.account(accountId);
    account.plan.licenses = (account.plan.licenses ?? this.userExtensionCount(accountId)) + count;
    const created = Array.from({ length: count }, () => this.addUnassignedExtension(account));
    this.emit(
      accountId,
      created.map((e) => ({ extensionId: e.id, eventType: "Create" as const })),
    );
    return created;
  }

  /** Portal action: the account moves to another plan. Existing extensions stay, even above a lower cap. */
  setPlan(accountId: string, plan: Partial<SeedPlan>): SeedPlan {
    const account = this.account(accountId);
    account.plan = { ...account.plan, ...plan };
    this.emit(accountId, [{ extensionId: account.adminExtensionId, eventType: "Update", hints: ["AccountSettings"] }]);
    return account.plan;
  }

  /** Moves a number between inventory and an extension (v2 PATCH semantics). */
  assignPhoneNumber(
    accountId: string,
    phoneNumberId: string,
    target: {
      usageType: PhoneNumberUsageTypeV2;
      extensionId: string | undefined;
      /** New voice/fax type; unchanged when absent. */
      type?: PhoneNumberRecord["type"] | undefined;
    },
  ): PhoneNumberRecord {
    const account = this.account(accountId);
    const number = account.phoneNumbers.get(phoneNumberId);
    if (!number) {
      throw new EmulatorRuleError(
        404,
        "CMN-102",
        "Resource for parameter [phoneNumberId] is not found",
        "phoneNumberId",
      );
    }
    if (target.extensionId !== undefined) {
      const extension = this.extension(accountId, target.extensionId);
      if (extension.status === "Unassigned") {
        throw new EmulatorRuleError(400, "CMN-101", "Parameter [extension.id] value is invalid.", "extension.id");
      }
    }
    const touched = new Set([number.extensionId, target.extensionId].filter((id): id is string => id !== undefined));
    number.usageType = target.usageType;
    number.extensionId = target.extensionId;
    if (target.type !== undefined) number.type = target.type;
    this.emit(
      accountId,
      [...touched].map((extensionId) => ({ extensionId, eventType: "Update" as const, hints: ["CompanyNumbers"] })),
    );
    return number;
  }

  private addUnassignedExtension(account: AccountRecord): ExtensionRecord {
    const record: ExtensionRecord = {
      id: this.allocateId(),
      extensionNumber: undefined,
      type: "User",
      status: "Unassigned",
      firstName: undefined,
      lastName: undefined,
      name: undefined,
      email: undefined,
      department: undefined,
      creationTime: this.now().toISOString(),
    };
    account.extensions.set(record.id, record);
    return record;
  }

  private assertSeatAvailable(account: AccountRecord): void {
    const userExtensions = this.userExtensionCount(account.id);
    const { userExtensionCap, licenses } = account.plan;
    const capReached = userExtensionCap !== null && userExtensions >= userExtensionCap;
    const licencesUsedUp = licenses !== null && userExtensions >= licenses;
    if (capReached || licencesUsedUp) {
      throw new EmulatorRuleError(
        403,
        EXTENSION_LIMIT_ERROR_CODE,
        capReached
          ? `User extension limit of the service plan reached (${userExtensionCap})`
          : `All ${licenses} licences are in use; assign an unassigned extension or buy licences`,
      );
    }
  }

  private assertUniqueEmail(account: AccountRecord, email: string, exceptId: string | undefined): void {
    const lower = email.toLowerCase();
    for (const e of account.extensions.values()) {
      if (e.id !== exceptId && e.email?.toLowerCase() === lower) {
        throw new EmulatorRuleError(
          400,
          "CMN-406",
          `Duplicate value for parameter contact.email: ${email} found in request`,
          "contact.email",
          email,
        );
      }
    }
  }

  private assertUniqueExtensionNumber(account: AccountRecord, number: string, exceptId: string | undefined): void {
    for (const e of account.extensions.values()) {
      if (e.id !== exceptId && e.extensionNumber === number) {
        throw new EmulatorRuleError(
          400,
          "CMN-406",
          `Duplicate value for parameter extensionNumber: ${number} found in request`,
          "extensionNumber",
          number,
        );
      }
    }
  }

  private nextFreeExtensionNumber(account: AccountRecord): string {
    const taken = new Set([...account.extensions.values()].map((e) => e.extensionNumber));
    let candidate = 101;
    while (taken.has(String(candidate))) candidate += 1;
    return String(candidate);
  }

  private allocateId(): string {
    return String(this.nextId++);
  }

  private emit(accountId: string, changes: WireExtensionListChange[]): void {
    if (changes.length > 0) this.events.emit("extensions", { accountId, changes } satisfies ExtensionListEvent);
  }
}

function toAccountRecord(seed: SeedAccount, creationTime: string): AccountRecord {
  return {
    id: seed.id,
    companyName: seed.companyName,
    mainNumber: seed.mainNumber,
    status: seed.status ?? "Confirmed",
    plan: { ...seed.plan },
    credentials: { ...seed.credentials },
    adminExtensionId: seed.adminExtensionId,
    extensions: new Map(
      seed.extensions.map((e) => [
        e.id,
        {
          id: e.id,
          extensionNumber: e.extensionNumber,
          type: e.type,
          status: e.status,
          firstName: e.firstName,
          lastName: e.lastName,
          name: e.name,
          email: e.email,
          department: e.department,
          creationTime: e.creationTime ?? creationTime,
        },
      ]),
    ),
    phoneNumbers: new Map(
      seed.phoneNumbers.map((p) => [
        p.id,
        {
          id: p.id,
          phoneNumber: p.phoneNumber,
          usageType: p.usageType,
          tollType: p.tollType ?? "Toll",
          type: p.type ?? "VoiceFax",
          extensionId: p.extensionId,
        },
      ]),
    ),
  };
}
