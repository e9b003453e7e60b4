import type { Caller } from "../../auth/api-key-authenticator.js";
import { mergeThresholds } from "../../domain/capacity/thresholds.js";
import type { Capacity, CapacityThresholds } from "../../domain/capacity/types.js";
import { planProvisioning, type ProvisioningPlan } from "../../domain/capacity/provisioning-plan.js";
import { ForbiddenError, InvalidInputError } from "../../errors.js";
import type { AccountChangeProcessor } from "../../events/account-change-processor.js";
import { assertVisibleAccount } from "../account-access.js";
import type { CapacityService } from "../capacity.service.js";
import type { PolicyProvider, ThresholdStore } from "../policy-provider.js";
import type { NumberProvisioner, NumberResult } from "./number-provisioner.js";
import type { IdempotencyRunner, IdempotentCall } from "./run-idempotent.js";
import { rcIdIn } from "./resolve-id.js";
import { attemptedSeats, type BatchResult, type SeatProvisioner, type SeatResult } from "./seat-provisioner.js";
import type { DeleteResult, UserRemover } from "./user-remover.js";
import type { PersonFields } from "./validate-person.js";

export const MAX_PLAN_COUNT = 10_000;

interface Common {
  accountId: string;
  idempotencyKey?: string | null;
  dryRun: boolean;
}

/**
 * The provisioning surface as callers see it: who may call (operators, on their tenant's accounts), idempotency
 * keys scoped per tenant, and dry runs kept out of the idempotency store.
 */
export class ProvisioningService {
  constructor(
    private readonly seats: SeatProvisioner,
    private readonly numbers: NumberProvisioner,
    private readonly remover: UserRemover,
    private readonly idempotency: IdempotencyRunner,
    private readonly capacity: CapacityService,
    private readonly policies: PolicyProvider,
    private readonly thresholds: ThresholdStore,
    private readonly changes: AccountChangeProcessor,
  ) {}

  createUser(caller: Caller, input: Common & PersonFields) {
    const accountId = this.authorize(caller, input.accountId);
    return this.once<SeatResult>(caller, input, "createUser", {
      run: (noteAttempt) => this.seats.createUser(accountId, input, input.dryRun, noteAttempt),
      reconcile: (attempts) => this.seats.findCreatedUser(accountId, input, attemptedSeats(attempts)),
    });
  }

  assignExtension(caller: Caller, input: Common & PersonFields & { extensionId: string }) {
    const accountId = this.authorize(caller, input.accountId);
    return this.once<SeatResult>(caller, input, "assignExtension", {
      run: () => this.seats.assignExtension(accountId, input.extensionId, input, input.dryRun),
      reconcile: () =>
        this.seats.findCreatedUser(accountId, input, [
          rcIdIn(accountId, input.extensionId, "Extension", "input.extensionId"),
        ]),
    });
  }

  createUsers(caller: Caller, input: Common & { users: PersonFields[] }) {
    const accountId = this.authorize(caller, input.accountId);
    return this.once<BatchResult>(caller, input, "createUsers", {
      run: () => this.seats.createUsers(accountId, input.users, input.dryRun),
    });
  }

  assignPhoneNumber(caller: Caller, input: Common & { phoneNumberId: string; userId: string }) {
    const accountId = this.authorize(caller, input.accountId);
    return this.once<NumberResult>(caller, input, "assignPhoneNumber", {
      run: () => this.numbers.assign(accountId, input.phoneNumberId, input.userId, input.dryRun),
    });
  }

  unassignPhoneNumber(caller: Caller, input: Common & { phoneNumberId: string }) {
    const accountId = this.authorize(caller, input.accountId);
    return this.once<NumberResult>(caller, input, "unassignPhoneNumber", {
      run: () => this.numbers.unassign(accountId, input.phoneNumberId, input.dryRun),
    });
  }

  deleteUser(caller: Caller, input: Common & { userId: string }) {
    const accountId = this.authorize(caller, input.accountId);
    return this.once<DeleteResult>(caller, input, "deleteUser", {
      run: () => this.remover.deleteUser(accountId, input.userId, input.dryRun),
    });
  }

  /** Merges the given thresholds into the account's current ones, validates, stores, and re-evaluates alerts. */
  async setCapacityThresholds(
    caller: Caller,
    accountId: string,
    patch: Partial<CapacityThresholds>,
  ): Promise<{ thresholds: CapacityThresholds; capacity: Capacity }> {
    const id = this.authorize(caller, accountId);
    const current = (await this.policies.policyFor(id)).thresholds;
    const thresholds = mergeThresholds(current, patch, "input.");
    await this.thresholds.set(id, thresholds);
    return { thresholds, capacity: await this.changes.process(id, "THRESHOLDS", []) };
  }

  /** How many of `count` people could be seated now; viewers may ask. */
  async plan(caller: Caller, accountId: string, count: number): Promise<ProvisioningPlan> {
    const id = assertVisibleAccount(caller, accountId);
    if (!Number.isSafeInteger(count) || count < 0 || count > MAX_PLAN_COUNT) {
      throw new InvalidInputError("count", `count must be an integer from 0 to ${MAX_PLAN_COUNT}`);
    }
    return planProvisioning(await this.capacity.capacityOf(id), count);
  }

  private authorize(caller: Caller, accountId: string): string {
    // Tenancy first: a viewer probing another tenant's account learns nothing more than NOT_FOUND.
    const id = assertVisibleAccount(caller, accountId);
    if (caller.role !== "operator") throw new ForbiddenError("This API key may read and subscribe, not provision");
    return id;
  }

  private once<T extends object>(
    caller: Caller,
    input: Common,
    operation: string,
    call: Pick<IdempotentCall<T>, "run" | "reconcile">,
  ) {
    const { idempotencyKey, dryRun, ...request } = input;
    const key = idempotencyKey && !dryRun ? `${caller.tenantId}:${idempotencyKey}` : undefined;
    if (
      idempotencyKey !== undefined &&
      idempotencyKey !== null &&
      (idempotencyKey.length === 0 || idempotencyKey.length > 255)
    ) {
      throw new InvalidInputError("input.idempotencyKey", "input.idempotencyKey must be 1 to 255 characters");
    }
    return this.idempotency.run({ key, request: { operation, ...request }, ...call });
  }
}
