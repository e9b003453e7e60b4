import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, type PubSub } from "@graphql-yoga/subscription";
import type { Redis } from "ioredis";
import type { CapacityAlert } from "../domain/capacity/alerts.js";
import type { Capacity } from "../domain/capacity/types.js";
import type { Extension } from "../domain/directory.js";
import { closeRedisConnection, createRedisConnection } from "../stores/redis-connection.js";
import type { StoreLogger } from "../stores/store-logger.js";

/** The event bus's topics. Payloads are JSON-safe domain data, so a Redis-backed bus carries them unchanged. */
export const Topic = {
  CapacityChanged: "CAPACITY_CHANGED",
  ExtensionChanged: "EXTENSION_CHANGED",
  CapacityAlert: "CAPACITY_ALERT",
} as const;

/** What made an account change: our own mutation, a RingCentral push notification, or the reconciliation poller. */
export type ChangeCause = "MUTATION" | "PUSH" | "POLL" | "THRESHOLDS";

export interface CapacityChangedEvent {
  readonly accountId: string;
  readonly capacity: Capacity;
  readonly cause: ChangeCause;
}

export type ExtensionChangeKind = "CREATED" | "UPDATED" | "DELETED" | "ASSIGNED";

export interface ExtensionChangedEvent {
  readonly accountId: string;
  readonly kind: ExtensionChangeKind;
  readonly extensionRcId: string;
  /** The extension as it is now; null once deleted. */
  readonly extension: Extension | null;
  readonly cause: ChangeCause;
}

export interface CapacityAlertEvent {
  readonly accountId: string;
  readonly alert: CapacityAlert;
}

export interface TopicPayloads {
  [Topic.CapacityChanged]: CapacityChangedEvent;
  [Topic.ExtensionChanged]: ExtensionChangedEvent;
  [Topic.CapacityAlert]: CapacityAlertEvent;
}

export type TopicName = keyof TopicPayloads;

/**
 * Typed publish/subscribe over `@graphql-yoga/subscription`. With Redis clients, events published on any instance
 * reach subscribers on all instances sharing `namespace` (channels are `<namespace><topic>`, so deployments and
 * test runs sharing one Redis stay apart). Every local subscriber receives the same payload object.
 */
export class EventBus {
  private readonly pubsub: PubSub<Record<string, [unknown]>>;

  constructor(
    private readonly namespace: string,
    private readonly redis?: { publishClient: Redis; subscribeClient: Redis },
  ) {
    this.pubsub = createPubSub(redis ? { eventTarget: createRedisEventTarget(redis) } : {});
  }

  publish<T extends TopicName>(topic: T, payload: TopicPayloads[T]): void {
    this.pubsub.publish(`${this.namespace}${topic}`, payload);
  }

  subscribe<T extends TopicName>(topic: T): AsyncIterableIterator<TopicPayloads[T]> {
    return this.pubsub.subscribe(`${this.namespace}${topic}`) as AsyncIterableIterator<TopicPayloads[T]>;
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    await Promise.all([
      closeRedisConnection(this.redis.publishClient),
      closeRedisConnection(this.redis.subscribeClient),
    ]);
  }
}

/** The two Redis connections the bus needs: a subscribed connection can do nothing else. */
export function createBusClients(
  redisUrl: string,
  logger: StoreLogger,
): { publishClient: Redis; subscribeClient: Redis } {
  return {
    publishClient: createRedisConnection(redisUrl, { name: "headroom-bus-publish", logger }),
    subscribeClient: createRedisConnection(redisUrl, { name: "headroom-bus-subscribe", logger }),
  };
}
