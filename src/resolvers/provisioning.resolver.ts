import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import type { ProvisioningPlan as DomainPlan } from "../domain/capacity/provisioning-plan.js";
import type { LimitSource, ProvisioningStrategy, SeatOutcome } from "../schema/enums.js";
import {
  AssignExtensionInput,
  AssignPhoneNumberInput,
  CreateUserInput,
  CreateUsersInput,
  DeleteUserInput,
  SetCapacityThresholdsInput,
  UnassignPhoneNumberInput,
} from "../schema/provisioning.input.js";
import {
  CapacityThresholdsPayload,
  CreateUserPayload,
  CreateUsersPayload,
  DeleteUserPayload,
  PhoneNumberPayload,
  ProvisioningPlan,
} from "../schema/provisioning.type.js";
import { toGlobalId } from "../schema/global-id.js";
import { assertVisibleAccount } from "../services/account-access.js";
import type { NumberResult } from "../services/provisioning/number-provisioner.js";
import type { ProvisioningService } from "../services/provisioning/provisioning.service.js";
import type { SeatResult } from "../services/provisioning/seat-provisioner.js";
import { toCapacity, toPhoneNumber, toUser } from "./to-graphql.js";

@Resolver()
export class ProvisioningResolver {
  constructor(private readonly provisioning: ProvisioningService) {}

  @Mutation((_returns) => CreateUserPayload, {
    description:
      "Seats a person: an unassigned seat first, a new extension only when none is free and capacity allows.",
  })
  async createUser(@Arg("input", (_type) => CreateUserInput) input: CreateUserInput, @Ctx() { caller }: Context) {
    return toSeatPayload(
      assertVisibleAccount(caller, input.accountId),
      await this.provisioning.createUser(caller, input),
    );
  }

  @Mutation((_returns) => CreateUserPayload, { description: "Gives a specific Unassigned extension to a person." })
  async assignExtension(
    @Arg("input", (_type) => AssignExtensionInput) input: AssignExtensionInput,
    @Ctx() { caller }: Context,
  ) {
    const result = await this.provisioning.assignExtension(caller, input);
    return toSeatPayload(assertVisibleAccount(caller, input.accountId), result);
  }

  @Mutation((_returns) => CreateUsersPayload, {
    description: "Seats up to 100 people; each item succeeds or fails whole.",
  })
  async createUsers(
    @Arg("input", (_type) => CreateUsersInput) input: CreateUsersInput,
    @Ctx() { caller }: Context,
  ): Promise<CreateUsersPayload> {
    const result = await this.provisioning.createUsers(caller, input);
    const accountId = assertVisibleAccount(caller, input.accountId);
    const results = result.items.map((item) => ({
      index: item.index,
      user: item.result?.extension ? toUser(accountId, item.result.extension) : null,
      strategy: (item.result?.strategy ?? null) as ProvisioningStrategy | null,
      phoneNumber: item.result?.phoneNumber ? toPhoneNumber(accountId, item.result.phoneNumber) : null,
      error: item.error,
      warnings: [...(item.result?.warnings ?? [])],
    }));
    return {
      results,
      succeeded: results.filter((r) => r.error === null).length,
      failed: results.filter((r) => r.error !== null).length,
      capacity: toCapacity(result.capacity),
      dryRun: result.dryRun,
      replayed: result.replayed,
    };
  }

  @Mutation((_returns) => PhoneNumberPayload, {
    description: "Gives an inventory number to a user as a direct number.",
  })
  async assignPhoneNumber(
    @Arg("input", (_type) => AssignPhoneNumberInput) input: AssignPhoneNumberInput,
    @Ctx() { caller }: Context,
  ) {
    return toNumberPayload(
      assertVisibleAccount(caller, input.accountId),
      await this.provisioning.assignPhoneNumber(caller, input),
    );
  }

  @Mutation((_returns) => PhoneNumberPayload, { description: "Returns a number to inventory." })
  async unassignPhoneNumber(
    @Arg("input", (_type) => UnassignPhoneNumberInput) input: UnassignPhoneNumberInput,
    @Ctx() { caller }: Context,
  ) {
    return toNumberPayload(
      assertVisibleAccount(caller, input.accountId),
      await this.provisioning.unassignPhoneNumber(caller, input),
    );
  }

  @Mutation((_returns) => DeleteUserPayload, { description: "Deletes a user and tells what became of the seat." })
  async deleteUser(
    @Arg("input", (_type) => DeleteUserInput) input: DeleteUserInput,
    @Ctx() { caller }: Context,
  ): Promise<DeleteUserPayload> {
    const result = await this.provisioning.deleteUser(caller, input);
    return {
      deletedUserId: toGlobalId("User", assertVisibleAccount(caller, input.accountId), result.deletedUserRcId),
      seat: result.seat as SeatOutcome | null,
      capacity: toCapacity(result.capacity),
      dryRun: result.dryRun,
      replayed: result.replayed,
    };
  }

  @Mutation((_returns) => CapacityThresholdsPayload, { description: "Sets when the account's capacity levels rise." })
  async setCapacityThresholds(
    @Arg("input", (_type) => SetCapacityThresholdsInput) input: SetCapacityThresholdsInput,
    @Ctx() { caller }: Context,
  ): Promise<CapacityThresholdsPayload> {
    const { accountId, ...patch } = input;
    const definedPatch = Object.fromEntries(Object.entries(patch).filter(([, value]) => value != null));
    const result = await this.provisioning.setCapacityThresholds(caller, accountId, definedPatch);
    return { thresholds: { ...result.thresholds }, capacity: toCapacity(result.capacity) };
  }

  @Query((_returns) => ProvisioningPlan, { description: "How many of `count` people could be seated now, and how." })
  async provisioningPlan(
    @Arg("accountId", (_type) => ID) accountId: string,
    @Arg("count", (_type) => Int) count: number,
    @Ctx() { caller }: Context,
  ): Promise<ProvisioningPlan> {
    return toPlan(await this.provisioning.plan(caller, accountId, count));
  }
}

function toSeatPayload(accountId: string, result: SeatResult & { replayed: boolean }): CreateUserPayload {
  return {
    user: result.extension ? toUser(accountId, result.extension) : null,
    strategy: result.strategy as ProvisioningStrategy,
    phoneNumber: result.phoneNumber ? toPhoneNumber(accountId, result.phoneNumber) : null,
    capacity: toCapacity(result.capacity),
    dryRun: result.dryRun,
    replayed: result.replayed,
    warnings: [...result.warnings],
  };
}

function toNumberPayload(accountId: string, result: NumberResult & { replayed: boolean }): PhoneNumberPayload {
  return {
    phoneNumber: toPhoneNumber(accountId, result.phoneNumber),
    capacity: toCapacity(result.capacity),
    dryRun: result.dryRun,
    replayed: result.replayed,
  };
}

function toPlan(plan: DomainPlan): ProvisioningPlan {
  return {
    ...plan,
    limitSource: plan.limitSource as LimitSource,
    remediation: plan.remediation && { kind: plan.remediation.kind as never, message: plan.remediation.message },
  };
}
