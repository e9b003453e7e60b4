import type { Caller } from "../auth/api-key-authenticator.js";
import { alertMatchesMinLevel } from "../domain/capacity/alerts.js";
import type { CapacityLevel } from "../domain/capacity/types.js";
import { assertVisibleAccount } from "../services/account-access.js";
import type { CapacityService } from "../services/capacity.service.js";
import type { AccountChangeProcessor } from "./account-change-processor.js";
import { EventFeed } from "./event-feed.js";
import {
  Topic,
  type CapacityAlertEvent,
  type CapacityChangedEvent,
  type EventBus,
  type ExtensionChangedEvent,
  type TopicName,
  type TopicPayloads,
} from "./pubsub.js";

/** A live event, or the state when the subscription started (`initial`). */
export type Feed<T> = T & { readonly initial?: true };

export interface FeedArgs {
  /** RingCentral id or global id; absent = every account of the caller's tenant. */
  readonly accountId?: string | null;
  readonly initial: boolean;
}

/**
 * The event streams behind the GraphQL subscriptions: scoped to the caller's tenant (another tenant's events never
 * pass), optionally led by the current state. Live events are the bus's own payload objects, shared by every
 * subscriber, so their execution can be shared too.
 */
export class SubscriptionFeeds {
  constructor(
    private readonly bus: EventBus,
    private readonly capacity: CapacityService,
    private readonly changes: AccountChangeProcessor,
  ) {}

  capacityChanged(caller: Caller, args: FeedArgs): AsyncIterable<Feed<CapacityChangedEvent>> {
    const accountIds = this.scope(caller, args.accountId);
    return this.feed(Topic.CapacityChanged, accountIds, args.initial, async (accountId) => ({
      accountId,
      capacity: await this.currentCapacity(accountId),
      cause: "INITIAL" as const,
      initial: true as const,
    }));
  }

  capacityAlerts(
    caller: Caller,
    args: FeedArgs & { minLevel: CapacityLevel },
  ): AsyncIterable<Feed<CapacityAlertEvent>> {
    const accountIds = this.scope(caller, args.accountId);
    return this.feed(
      Topic.CapacityAlert,
      accountIds,
      args.initial,
      async (accountId) => {
        const capacity = await this.currentCapacity(accountId);
        const trigger = capacity.triggers[0];
        return {
          accountId,
          alert: {
            id: `${accountId}:CURRENT:${capacity.level}:${capacity.observedAt}`,
            accountId,
            kind: "RAISED" as const,
            level: capacity.level,
            previousLevel: capacity.level,
            reason: trigger?.reason ?? null,
            threshold: trigger?.threshold ?? null,
            triggers: capacity.triggers,
            capacity,
            at: capacity.observedAt,
          },
          initial: true as const,
        };
      },
      (event) => alertMatchesMinLevel(event.alert, args.minLevel),
    );
  }

  extensionChanged(caller: Caller, args: FeedArgs): AsyncIterable<Feed<ExtensionChangedEvent>> {
    const accountIds = this.scope(caller, args.accountId);
    // The initial event only marks the subscription as live: no extension (the resolver shows kind null).
    return this.feed(Topic.ExtensionChanged, accountIds, args.initial, async (accountId) => ({
      accountId,
      kind: "UPDATED" as const,
      extensionRcId: "",
      extension: null,
      cause: "INITIAL" as const,
      initial: true as const,
    }));
  }

  private scope(caller: Caller, accountId: string | null | undefined): ReadonlySet<string> {
    return accountId ? new Set([assertVisibleAccount(caller, accountId)]) : caller.accountIds;
  }

  private async currentCapacity(accountId: string) {
    const capacity = await this.capacity.capacityOf(accountId);
    // A subscriber's first state is the baseline later alerts are measured from.
    await this.changes.ensureBaseline(accountId, capacity);
    return capacity;
  }

  /**
   * Listens first, then emits the initial states, then the live events of `accountIds` that `accept` lets through:
   * nothing published while the initial state is read is lost. Unsubscribing stops listening at once.
   */
  private feed<T extends TopicName>(
    topic: T,
    accountIds: ReadonlySet<string>,
    initial: boolean,
    initialOf: (accountId: string) => Promise<Feed<TopicPayloads[T]>>,
    accept: (event: TopicPayloads[T]) => boolean = () => true,
  ): AsyncIterable<Feed<TopicPayloads[T]>> {
    return new EventFeed<Feed<TopicPayloads[T]>>(
      (deliver) =>
        this.bus.listen(topic, (event) => {
          if (accountIds.has(event.accountId) && accept(event)) deliver(event);
        }),
      initial ? () => Promise.all([...accountIds].sort().map(initialOf)) : undefined,
    );
  }
}
