import { planProvisioning, requireProvisioningPlan } from "../../domain/capacity/provisioning-plan.js";
import type { Capacity } from "../../domain/capacity/types.js";
import { isInInventory, isPerson, isUnassignedSeat, type Extension, type PhoneNumber } from "../../domain/directory.js";
import { CapacityExhaustedError, ConflictError, DomainError, InvalidInputError, NotFoundError } from "../../errors.js";
import type { ExtensionChange } from "../../events/account-change-processor.js";
import { isRecord } from "../../json.js";
import type { ProvisioningDeps } from "./provisioning-deps.js";
import { phoneNumberRcIdIn, rcIdIn } from "./resolve-id.js";
import { validatePerson, type PersonFields, type ValidPerson } from "./validate-person.js";

export type SeatStrategy = "UNASSIGNED_SEAT" | "NEW_EXTENSION";

/** JSON-safe, so idempotency keys can store it. */
export interface SeatResult {
  readonly extension: Extension | null;
  readonly strategy: SeatStrategy;
  readonly phoneNumber: PhoneNumber | null;
  readonly capacity: Capacity;
  readonly dryRun: boolean;
  readonly warnings: readonly string[];
}

export interface BatchItemResult {
  readonly index: number;
  readonly result: Omit<SeatResult, "capacity" | "dryRun"> | null;
  readonly error: { code: string; message: string; field: string | null } | null;
}

export interface BatchResult {
  readonly items: readonly BatchItemResult[];
  readonly capacity: Capacity;
  readonly dryRun: boolean;
}

export const MAX_BATCH_SIZE = 100;

/** What a seating attempt notes before it writes, so that a retry after an unknown outcome knows where to look. */
export interface SeatAttempt {
  /** The `Unassigned` extension it assigns; null when it creates an extension. */
  readonly seatRcId: string | null;
}

/** The seats stored attempts name (see `SeatAttempt`), skipping what is not one. */
export function attemptedSeats(attempts: readonly unknown[]): (string | null)[] {
  return attempts.flatMap((attempt) => {
    const seat = isRecord(attempt) ? attempt["seatRcId"] : undefined;
    return typeof seat === "string" || seat === null ? [seat] : [];
  });
}

/** One person's seat as decided before any write. */
interface SeatPlan {
  readonly person: ValidPerson;
  readonly seat: Extension | null;
  readonly number: PhoneNumber | null;
  readonly warnings: string[];
}

/**
 * Seats people: an `Unassigned` extension first (a licence already paid for), a new extension only when none is
 * free and the capacity allows. Everything is decided under the account's lock, before the first upstream write,
 * so capacity is never over-allocated and a refused request changes nothing.
 */
export class SeatProvisioner {
  constructor(private readonly deps: ProvisioningDeps) {}

  async createUser(
    accountId: string,
    fields: PersonFields,
    dryRun: boolean,
    noteAttempt: (attempt: SeatAttempt) => void = () => undefined,
  ): Promise<SeatResult> {
    const person = validatePerson(fields, "input");
    return this.deps.lock.withLock(accountId, async () => {
      const { capacity, extensions, numbers } = await this.read(accountId);
      const seatsFree = requireProvisioningPlan(capacity, 1).viaUnassigned > 0;
      const plan = this.planSeat(
        accountId,
        person,
        seatsFree ? firstUnassigned(extensions) : null,
        new TakenIdentifiers(extensions),
        numbers,
        "input",
        new Set(),
      );
      if (dryRun) return dryRunResult(plan, capacity);
      noteAttempt({ seatRcId: plan.seat?.rcId ?? null });
      return this.seatAndPublish(accountId, plan, capacity);
    });
  }

  async assignExtension(
    accountId: string,
    extensionId: string,
    fields: PersonFields,
    dryRun: boolean,
  ): Promise<SeatResult> {
    const person = validatePerson(fields, "input");
    const rcId = rcIdIn(accountId, extensionId, "Extension", "input.extensionId");
    return this.deps.lock.withLock(accountId, async () => {
      const { capacity, extensions, numbers } = await this.read(accountId);
      const seat = extensions.find((e) => e.rcId === rcId);
      if (!seat) throw new NotFoundError(`input.extensionId: no such extension in account ${accountId}`);
      if (!isUnassignedSeat(seat)) {
        throw new InvalidInputError("input.extensionId", "input.extensionId is not an unassigned user extension");
      }
      const plan = this.planSeat(
        accountId,
        person,
        seat,
        new TakenIdentifiers(extensions),
        numbers,
        "input",
        new Set(),
      );
      return dryRun ? dryRunResult(plan, capacity) : this.seatAndPublish(accountId, plan, capacity);
    });
  }

  /**
   * Seats up to 100 people in one call. Each item succeeds or fails whole; items past the capacity fail with
   * CAPACITY_EXHAUSTED before anything is written.
   */
  async createUsers(accountId: string, people: readonly PersonFields[], dryRun: boolean): Promise<BatchResult> {
    if (people.length === 0 || people.length > MAX_BATCH_SIZE) {
      throw new InvalidInputError("input.users", `input.users must hold 1 to ${MAX_BATCH_SIZE} people`);
    }
    return this.deps.lock.withLock(accountId, async () => {
      const { capacity, extensions, numbers } = await this.read(accountId);
      const items: BatchItemResult[] = [];
      const planned: { index: number; plan: SeatPlan }[] = [];
      const claimedNumbers = new Set<string>();
      const taken = new TakenIdentifiers(extensions);
      const unassigned = extensions.filter(isUnassignedSeat);
      const valid: { index: number; person: ValidPerson }[] = [];
      people.forEach((fields, index) => {
        const outcome = attempt(() => validatePerson(fields, `input.users[${index}]`));
        if ("error" in outcome) items.push({ index, result: null, error: outcome.error });
        else valid.push({ index, person: outcome.value });
      });
      const seating = planProvisioning(capacity, valid.length);
      let seated = 0;
      for (const { index, person } of valid) {
        const path = `input.users[${index}]`;
        const outcome = attempt(() => {
          if (seated >= seating.viaUnassigned + seating.viaNewExtension) throw exhausted(capacity, valid.length);
          const seat = seated < seating.viaUnassigned ? unassigned[seated]! : null;
          return this.planSeat(accountId, person, seat, taken, numbers, path, claimedNumbers);
        });
        if ("error" in outcome) {
          items.push({ index, result: null, error: outcome.error });
          continue;
        }
        seated += 1;
        taken.add(person);
        if (outcome.value.number) claimedNumbers.add(outcome.value.number.rcId);
        planned.push({ index, plan: outcome.value });
      }

      const changes: ExtensionChange[] = [];
      for (const { index, plan } of planned) {
        if (dryRun) {
          items.push({ index, result: withoutCapacity(dryRunResult(plan, capacity)), error: null });
          continue;
        }
        const outcome = await attemptAsync(() => this.seat(accountId, plan, capacity));
        if ("error" in outcome) {
          items.push({ index, result: null, error: outcome.error });
        } else {
          changes.push(outcome.value.change);
          items.push({ index, result: withoutCapacity(outcome.value.result), error: null });
        }
      }
      const after = dryRun ? capacity : await this.deps.changes.process(accountId, "MUTATION", changes);
      return { items: items.sort((a, b) => a.index - b.index), capacity: after, dryRun };
    });
  }

  /**
   * Finds the user that earlier attempts with unknown outcomes seated: a person with the same email at one of the
   * `Unassigned` seats they assigned, or anywhere when one of them created an extension (`null`). None attempted
   * (no seats): nothing to find, the call runs again.
   */
  async findCreatedUser(
    accountId: string,
    fields: PersonFields,
    seats: readonly (string | null)[],
  ): Promise<SeatResult | undefined> {
    if (seats.length === 0) return undefined;
    await this.deps.directory.invalidate(accountId);
    const email = fields.email.trim().toLowerCase();
    const extensions = (await this.deps.directory.extensions(accountId)).value;
    const people = extensions.filter((e) => isPerson(e) && e.email?.toLowerCase() === email);
    const atSeat = people.find((e) => seats.includes(e.rcId));
    const extension = atSeat ?? (seats.includes(null) ? people[0] : undefined);
    if (!extension) return undefined;
    const numbers = (await this.deps.directory.phoneNumbers(accountId)).value;
    return {
      extension,
      strategy: atSeat ? "UNASSIGNED_SEAT" : "NEW_EXTENSION",
      phoneNumber: numbers.find((n) => n.extensionRcId === extension.rcId) ?? null,
      capacity: await this.deps.changes.process(accountId, "MUTATION", []),
      dryRun: false,
      warnings: ["RECONCILED_AFTER_UNKNOWN_OUTCOME"],
    };
  }

  private async read(accountId: string) {
    const { capacity, extensions, phoneNumbers } = await this.deps.capacity.assess(accountId);
    await this.deps.changes.ensureBaseline(accountId, capacity);
    return { capacity, extensions, numbers: phoneNumbers };
  }

  private planSeat(
    accountId: string,
    person: ValidPerson,
    seat: Extension | null,
    taken: TakenIdentifiers,
    numbers: readonly PhoneNumber[],
    path: string,
    claimedNumbers: ReadonlySet<string>,
  ): SeatPlan {
    taken.assertFree(person, path);
    const warnings: string[] = [];
    let number: PhoneNumber | null = null;
    if (person.phoneNumber === "SPECIFIC") {
      const rcId = phoneNumberRcIdIn(accountId, person.phoneNumberId!, `${path}.phoneNumberId`);
      number = numbers.find((n) => n.rcId === rcId) ?? null;
      if (!number)
        throw new InvalidInputError(`${path}.phoneNumberId`, `${path}.phoneNumberId is not a number of this account`);
      if (!isInInventory(number) || claimedNumbers.has(number.rcId)) {
        throw new InvalidInputError(`${path}.phoneNumberId`, `${path}.phoneNumberId is already assigned`);
      }
    } else if (person.phoneNumber === "AUTO") {
      number = numbers.find((n) => isInInventory(n) && !claimedNumbers.has(n.rcId)) ?? null;
      if (!number) warnings.push("NO_NUMBER_IN_INVENTORY");
    }
    return { person, seat, number, warnings };
  }

  private async seatAndPublish(accountId: string, plan: SeatPlan, capacity: Capacity): Promise<SeatResult> {
    const { result, change } = await this.seat(accountId, plan, capacity);
    return { ...result, capacity: await this.deps.changes.process(accountId, "MUTATION", [change]) };
  }

  /** The upstream writes for one person: the extension, then the number (a failed number is only a warning). */
  private async seat(
    accountId: string,
    plan: SeatPlan,
    capacity: Capacity,
  ): Promise<{ result: SeatResult; change: ExtensionChange }> {
    const { person } = plan;
    const fields = {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      department: person.department ?? undefined,
      extensionNumber: person.extensionNumber ?? undefined,
      status: person.status,
    };
    let extension: Extension;
    try {
      extension = plan.seat
        ? await this.deps.directory.updateExtension(accountId, plan.seat.rcId, fields)
        : await this.deps.directory.createExtension(accountId, fields);
    } catch (error) {
      // Our derived capacity was wrong (e.g. a change made in the portal): RingCentral's refusal, same contract.
      if (error instanceof CapacityExhaustedError) throw exhausted(capacity, 1);
      throw error;
    }
    const warnings = [...plan.warnings];
    let phoneNumber: PhoneNumber | null = null;
    if (plan.number) {
      try {
        phoneNumber = await this.deps.directory.assignPhoneNumber(accountId, plan.number.rcId, extension.rcId);
      } catch (error) {
        this.deps.logger.warn({ accountId, err: error }, "user seated, but the phone number could not be assigned");
        warnings.push("PHONE_NUMBER_ASSIGNMENT_FAILED");
      }
    }
    return {
      result: {
        extension,
        strategy: plan.seat ? "UNASSIGNED_SEAT" : "NEW_EXTENSION",
        phoneNumber,
        capacity,
        dryRun: false,
        warnings,
      },
      change: { extensionRcId: extension.rcId, kind: plan.seat ? "ASSIGNED" : "CREATED" },
    };
  }
}

function dryRunResult(plan: SeatPlan, capacity: Capacity): SeatResult {
  return {
    extension: null,
    strategy: plan.seat ? "UNASSIGNED_SEAT" : "NEW_EXTENSION",
    phoneNumber: plan.number,
    capacity,
    dryRun: true,
    warnings: plan.warnings,
  };
}

function withoutCapacity({ capacity: _capacity, dryRun: _dryRun, ...rest }: SeatResult) {
  return rest;
}

function firstUnassigned(extensions: readonly Extension[]): Extension | null {
  return extensions.find(isUnassignedSeat) ?? null;
}

/**
 * Emails (case-insensitive) and extension numbers in use: the account's, plus those of people already planned in
 * the same call. Built once per call, so a batch checks each person in constant time.
 */
class TakenIdentifiers {
  private readonly emails = new Set<string>();
  private readonly extensionNumbers = new Set<string>();

  constructor(extensions: readonly Extension[]) {
    for (const extension of extensions) {
      if (extension.email) this.emails.add(extension.email.toLowerCase());
      if (extension.extensionNumber) this.extensionNumbers.add(extension.extensionNumber);
    }
  }

  add(person: ValidPerson): void {
    this.emails.add(person.email.toLowerCase());
    if (person.extensionNumber) this.extensionNumbers.add(person.extensionNumber);
  }

  assertFree(person: ValidPerson, path: string): void {
    if (this.emails.has(person.email.toLowerCase())) {
      throw new ConflictError(`${path}.email is already used in this account`, { field: `${path}.email` });
    }
    const number = person.extensionNumber;
    if (number && this.extensionNumbers.has(number)) {
      throw new ConflictError(`${path}.extensionNumber is already used in this account`, {
        field: `${path}.extensionNumber`,
      });
    }
  }
}

/** CAPACITY_EXHAUSTED with the figures a client needs to explain it (as `requireProvisioningPlan` gives them). */
function exhausted(capacity: Capacity, requested: number): CapacityExhaustedError {
  return new CapacityExhaustedError(
    `No seat left: ${capacity.used} of ${String(capacity.limit)} used (${capacity.limitSource.toLowerCase()} limit)`,
    {
      limit: capacity.limit,
      used: capacity.used,
      available: capacity.available,
      limitSource: capacity.limitSource,
      requested,
      remediation: capacity.remediation?.message ?? null,
    },
  );
}

type Outcome<T> = { value: T } | { error: { code: string; message: string; field: string | null } };

function attempt<T>(work: () => T): Outcome<T> {
  try {
    return { value: work() };
  } catch (error) {
    return { error: toItemError(error) };
  }
}

async function attemptAsync<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await work() };
  } catch (error) {
    return { error: toItemError(error) };
  }
}

/** Batch items report domain errors like top-level errors; anything else is a bug and aborts the batch. */
function toItemError(error: unknown): { code: string; message: string; field: string | null } {
  if (!(error instanceof DomainError)) throw error;
  const field = error.details["field"];
  return { code: error.code, message: error.message, field: typeof field === "string" ? field : null };
}
