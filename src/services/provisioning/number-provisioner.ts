import type { Capacity } from "../../domain/capacity/types.js";
import { isInInventory, type PhoneNumber } from "../../domain/directory.js";
import { InvalidInputError } from "../../errors.js";
import type { ProvisioningDeps } from "./provisioning-deps.js";
import { phoneNumberRcIdIn, rcIdIn, requirePerson } from "./resolve-id.js";

export interface NumberResult {
  readonly phoneNumber: PhoneNumber;
  readonly capacity: Capacity;
  readonly dryRun: boolean;
}

/** Moves direct numbers between inventory and users through RingCentral's v2 phone-number API. */
export class NumberProvisioner {
  constructor(private readonly deps: ProvisioningDeps) {}

  async assign(accountId: string, phoneNumberId: string, userId: string, dryRun: boolean): Promise<NumberResult> {
    const numberRcId = phoneNumberRcIdIn(accountId, phoneNumberId, "input.phoneNumberId");
    const userRcId = rcIdIn(accountId, userId, "User", "input.userId");
    return this.deps.lock.withLock(accountId, async () => {
      const number = await this.find(accountId, numberRcId);
      if (!isInInventory(number)) {
        throw new InvalidInputError("input.phoneNumberId", "input.phoneNumberId is already assigned");
      }
      const user = requirePerson((await this.deps.directory.extensions(accountId)).value, userRcId, accountId);
      if (dryRun) return this.dryRun(accountId, { ...number, usageType: "DirectNumber", extensionRcId: user.rcId });
      const assigned = await this.deps.directory.assignPhoneNumber(accountId, number.rcId, user.rcId);
      const capacity = await this.deps.changes.process(accountId, "MUTATION", [
        { extensionRcId: user.rcId, kind: "UPDATED" },
      ]);
      return { phoneNumber: assigned, capacity, dryRun: false };
    });
  }

  async unassign(accountId: string, phoneNumberId: string, dryRun: boolean): Promise<NumberResult> {
    const numberRcId = phoneNumberRcIdIn(accountId, phoneNumberId, "input.phoneNumberId");
    return this.deps.lock.withLock(accountId, async () => {
      const number = await this.find(accountId, numberRcId);
      const holder = number.extensionRcId;
      if (holder === null) throw new InvalidInputError("input.phoneNumberId", "input.phoneNumberId is not assigned");
      if (dryRun) return this.dryRun(accountId, { ...number, usageType: "Inventory", extensionRcId: null });
      const released = await this.deps.directory.assignPhoneNumber(accountId, number.rcId, null);
      const capacity = await this.deps.changes.process(accountId, "MUTATION", [
        { extensionRcId: holder, kind: "UPDATED" },
      ]);
      return { phoneNumber: released, capacity, dryRun: false };
    });
  }

  private async find(accountId: string, rcId: string): Promise<PhoneNumber> {
    const number = (await this.deps.directory.phoneNumbers(accountId)).value.find((n) => n.rcId === rcId);
    if (!number)
      throw new InvalidInputError("input.phoneNumberId", "input.phoneNumberId is not a number of this account");
    return number;
  }

  private async dryRun(accountId: string, phoneNumber: PhoneNumber): Promise<NumberResult> {
    return { phoneNumber, capacity: await this.deps.capacity.capacityOf(accountId), dryRun: true };
  }
}
