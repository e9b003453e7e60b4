import { Arg, ID, Query, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { CapacityChange } from "../capacity-sample.js";
import { CapacityChanged } from "./capacity-change.type.js";
import type { StandInContext } from "./context.js";

@Resolver()
export class CapacityChangedResolver {
  @Query((_type) => Boolean)
  ping(): boolean {
    return true;
  }

  @Subscription((_type) => CapacityChanged, {
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { accountId: string }, StandInContext>) =>
      context.events.watch(args.accountId),
  })
  capacityChanged(@Root() change: CapacityChange, @Arg("accountId", (_type) => ID) _accountId: string): CapacityChange {
    return change;
  }
}
