import { Args, ArgsType, Field, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { Context } from "../context.js";
import type { Feed } from "../events/subscription-feeds.js";
import type {
  CapacityAlertEvent as AlertPayload,
  CapacityChangedEvent as ChangedPayload,
  ExtensionChangedEvent as ExtensionPayload,
} from "../events/pubsub.js";
import { AlertKind, CapacityLevel, ChangeCause, type ExtensionChangeKind, type LevelReason } from "../schema/enums.js";
import { CapacityAlertEvent, CapacityChangedEvent, ExtensionChangedEvent } from "../schema/events.type.js";
import { toGlobalId } from "../schema/global-id.js";
import { toCapacity, toExtension } from "./to-graphql.js";
import { toGraphQLError } from "../schema/error-interceptor.js";

@ArgsType()
class FeedArgs {
  @Field((_type) => ID, {
    nullable: true,
    description: "One account (RingCentral or global id); all the tenant's when absent.",
  })
  accountId?: string | null;

  @Field((_type) => Boolean, { defaultValue: true, description: "Emit the current state first." })
  initial: boolean;
}

@ArgsType()
class AlertArgs extends FeedArgs {
  @Field((_type) => CapacityLevel, {
    defaultValue: CapacityLevel.WARNING,
    description: "Alerts at or above this level.",
  })
  minLevel: CapacityLevel;
}

/** Errors from setting up a stream get the same codes as resolver errors (the interceptor does not see them). */
function guarded<A>(start: (data: SubscribeResolverData<unknown, A, Context>) => AsyncIterable<unknown>) {
  return (data: SubscribeResolverData<unknown, A, Context>) => {
    try {
      return start(data);
    } catch (error) {
      throw toGraphQLError(error, data.context.logger);
    }
  };
}

@Resolver()
export class SubscriptionResolver {
  @Subscription((_returns) => CapacityChangedEvent, {
    description: "Every change of any capacity field of the account(s).",
    subscribe: guarded<FeedArgs>(({ args, context }) => context.feeds.capacityChanged(context.caller, args)),
  })
  capacityChanged(
    @Root() event: Feed<ChangedPayload>,
    @Args((_type) => FeedArgs) _args: FeedArgs,
  ): CapacityChangedEvent {
    return {
      accountId: toGlobalId("Account", event.accountId),
      rcAccountId: event.accountId,
      capacity: toCapacity(event.capacity),
      cause: event.initial ? ChangeCause.INITIAL : (event.cause as ChangeCause),
      initial: event.initial === true,
    };
  }

  @Subscription((_returns) => CapacityAlertEvent, {
    description: "Level transitions: RAISED when the level rises to minLevel or above, RESOLVED when back to OK.",
    subscribe: guarded<AlertArgs>(({ args, context }) => context.feeds.capacityAlerts(context.caller, args)),
  })
  capacityAlert(@Root() event: Feed<AlertPayload>, @Args((_type) => AlertArgs) _args: AlertArgs): CapacityAlertEvent {
    const { alert } = event;
    return {
      accountId: toGlobalId("Account", event.accountId),
      rcAccountId: event.accountId,
      kind: event.initial ? AlertKind.CURRENT : (alert.kind as AlertKind),
      level: alert.level as CapacityLevel,
      previousLevel: event.initial ? null : (alert.previousLevel as CapacityLevel),
      reason: alert.reason as LevelReason | null,
      threshold: alert.threshold,
      capacity: toCapacity(alert.capacity),
      at: alert.at,
      initial: event.initial === true,
    };
  }

  @Subscription((_returns) => ExtensionChangedEvent, {
    description: "Extensions created, updated, deleted or given to a person.",
    subscribe: guarded<FeedArgs>(({ args, context }) => context.feeds.extensionChanged(context.caller, args)),
  })
  extensionChanged(
    @Root() event: Feed<ExtensionPayload>,
    @Args((_type) => FeedArgs) _args: FeedArgs,
  ): ExtensionChangedEvent {
    return {
      accountId: toGlobalId("Account", event.accountId),
      rcAccountId: event.accountId,
      kind: event.initial ? null : (event.kind as ExtensionChangeKind),
      extensionId: event.initial ? null : toGlobalId("Extension", event.accountId, event.extensionRcId),
      extension: event.extension ? toExtension(event.accountId, event.extension) : null,
      cause: event.cause as ChangeCause,
      initial: event.initial === true,
    };
  }
}
