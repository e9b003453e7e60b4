import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { compareMostConstrainedFirst } from "../domain/capacity/fleet-order.js";
import { isPerson } from "../domain/directory.js";
import { Account } from "../schema/account.type.js";
import { AccountOrder, Role } from "../schema/enums.js";
import { fromGlobalId } from "../schema/global-id.js";
import { Node } from "../schema/node.interface.js";
import { Viewer } from "../schema/viewer.type.js";
import { assertVisibleAccount } from "../services/account-access.js";
import type { CapacityService } from "../services/capacity.service.js";
import type { DirectoryReader } from "../services/directory-reader.js";
import type { PolicyProvider } from "../services/policy-provider.js";
import { toAccount, toExtension, toPhoneNumber, toUser } from "./to-graphql.js";

@Resolver()
export class QueryResolver {
  constructor(
    private readonly directory: DirectoryReader,
    private readonly capacity: CapacityService,
    private readonly policies: PolicyProvider,
  ) {}

  @Query((_returns) => Viewer, { description: "The caller's tenant and role." })
  viewer(@Ctx() { caller }: Context): Viewer {
    return { tenantId: caller.tenantId, tenantName: caller.tenantName, role: caller.role as Role };
  }

  @Query((_returns) => Account, { description: "One account, by global id or RingCentral account id." })
  async account(@Arg("id", (_type) => ID) id: string, @Ctx() { caller }: Context): Promise<Account> {
    return this.loadAccount(assertVisibleAccount(caller, id));
  }

  @Query((_returns) => [Account], { description: "The tenant's fleet; by default the least headroom first." })
  async accounts(
    @Arg("orderBy", (_type) => AccountOrder, { defaultValue: AccountOrder.HEADROOM_ASC }) orderBy: AccountOrder,
    @Ctx() { caller }: Context,
  ): Promise<Account[]> {
    const ids = [...caller.accountIds].sort();
    if (orderBy === AccountOrder.NAME_ASC) {
      const accounts = await Promise.all(ids.map((id) => this.loadAccount(id)));
      return accounts.sort((a, b) => (a.name ?? a.rcId).localeCompare(b.name ?? b.rcId));
    }
    const ranked = await Promise.all(
      ids.map(async (id) => ({ account: await this.loadAccount(id), capacity: await this.capacity.capacityOf(id) })),
    );
    return ranked.sort((a, b) => compareMostConstrainedFirst(a.capacity, b.capacity)).map((r) => r.account);
  }

  @Query((_returns) => Node, { nullable: true, description: "Any object by its global id; null when it is gone." })
  async node(@Arg("id", (_type) => ID) id: string, @Ctx() { caller }: Context): Promise<Node | null> {
    const { type, accountId, rcId } = fromGlobalId(id);
    assertVisibleAccount(caller, accountId);
    switch (type) {
      case "Account":
        return this.loadAccount(accountId);
      case "User": {
        const extension = (await this.directory.extensions(accountId)).value.find((e) => e.rcId === rcId);
        return extension && isPerson(extension) ? toUser(accountId, extension) : null;
      }
      case "Extension": {
        const extension = (await this.directory.extensions(accountId)).value.find((e) => e.rcId === rcId);
        return extension ? toExtension(accountId, extension) : null;
      }
      case "PhoneNumber": {
        const number = (await this.directory.phoneNumbers(accountId)).value.find((n) => n.rcId === rcId);
        return number ? toPhoneNumber(accountId, number) : null;
      }
    }
  }

  private async loadAccount(accountId: string): Promise<Account> {
    return toAccount((await this.directory.accountInfo(accountId)).value, this.policies.planCapRules);
  }
}
