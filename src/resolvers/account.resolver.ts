import { Arg, Args, FieldResolver, Resolver, Root } from "type-graphql";
import { isPerson, type Extension as DomainExtension } from "../domain/directory.js";
import { Account } from "../schema/account.type.js";
import { Capacity } from "../schema/capacity.type.js";
import { CapacityThresholds } from "../schema/capacity-thresholds.type.js";
import { ConnectionArgs } from "../schema/connection.args.js";
import { ExtensionConnection, PhoneNumberConnection, UserConnection } from "../schema/connections.type.js";
import { ExtensionFilter, PhoneNumberFilter, UserFilter } from "../schema/filters.input.js";
import type { CapacityService } from "../services/capacity.service.js";
import type { DirectoryReader } from "../services/directory-reader.js";
import type { PolicyProvider } from "../services/policy-provider.js";
import { paginate } from "./paginate.js";
import { toCapacity, toExtension, toPhoneNumber, toUser } from "./to-graphql.js";

@Resolver((_of) => Account)
export class AccountResolver {
  constructor(
    private readonly directory: DirectoryReader,
    private readonly capacityService: CapacityService,
    private readonly policies: PolicyProvider,
  ) {}

  @FieldResolver((_returns) => Capacity)
  async capacity(@Root() account: Account): Promise<Capacity> {
    return toCapacity(await this.capacityService.capacityOf(account.rcId));
  }

  @FieldResolver((_returns) => CapacityThresholds)
  async thresholds(@Root() account: Account): Promise<CapacityThresholds> {
    return { ...(await this.policies.policyFor(account.rcId)).thresholds };
  }

  @FieldResolver((_returns) => UserConnection, { description: "People holding seats, in RingCentral's order." })
  async users(
    @Root() account: Account,
    @Args((_type) => ConnectionArgs) page: ConnectionArgs,
    @Arg("filter", (_type) => UserFilter, { nullable: true }) filter: UserFilter | null,
  ): Promise<UserConnection> {
    const extensions = (await this.directory.extensions(account.rcId)).value.filter(
      (e) => isPerson(e) && matchesUserFilter(e, filter),
    );
    return mapPage(
      paginate(extensions, (e) => e.rcId, page),
      (e) => toUser(account.rcId, e),
    );
  }

  @FieldResolver((_returns) => ExtensionConnection, { description: "Every extension, unassigned seats included." })
  async extensions(
    @Root() account: Account,
    @Args((_type) => ConnectionArgs) page: ConnectionArgs,
    @Arg("filter", (_type) => ExtensionFilter, { nullable: true }) filter: ExtensionFilter | null,
  ): Promise<ExtensionConnection> {
    const extensions = (await this.directory.extensions(account.rcId)).value.filter(
      (e) =>
        (!filter?.type?.length || filter.type.includes(e.type)) &&
        (!filter?.status?.length || filter.status.includes(e.status as never)),
    );
    return mapPage(
      paginate(extensions, (e) => e.rcId, page),
      (e) => toExtension(account.rcId, e),
    );
  }

  @FieldResolver((_returns) => PhoneNumberConnection)
  async phoneNumbers(
    @Root() account: Account,
    @Args((_type) => ConnectionArgs) page: ConnectionArgs,
    @Arg("filter", (_type) => PhoneNumberFilter, { nullable: true }) filter: PhoneNumberFilter | null,
  ): Promise<PhoneNumberConnection> {
    const numbers = (await this.directory.phoneNumbers(account.rcId)).value.filter(
      (n) =>
        (!filter?.usageType?.length || filter.usageType.includes(n.usageType)) &&
        (filter?.assigned == null || filter.assigned === (n.extensionRcId !== null)),
    );
    return mapPage(
      paginate(numbers, (n) => n.rcId, page),
      (n) => toPhoneNumber(account.rcId, n),
    );
  }
}

function matchesUserFilter(extension: DomainExtension, filter: UserFilter | null): boolean {
  if (filter?.status?.length && !filter.status.includes(extension.status as never)) return false;
  const search = filter?.search?.trim().toLowerCase();
  if (!search) return true;
  return [extension.name, extension.firstName, extension.lastName, extension.email, extension.extensionNumber].some(
    (value) => value?.toLowerCase().includes(search),
  );
}

function mapPage<T, U>(page: ReturnType<typeof paginate<T>>, map: (item: T) => U) {
  return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: map(node) })) };
}
