import { setMaxListeners } from "node:events";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import type { Redis } from "ioredis";
import type { CapacityAlert } from "../domain/capacity/alerts.js";
import type { Capacity } from "../domain/capacity/types.js";
import type { Extension } from "../domain/directory.js";
import { closeRedisConnection, createRedisConnection } from "../stores/redis-connection.js";
import type { FieldLogger } from "../field-logger.js";
import { EventFeed } from "./event-feed.js";

/** The event bus's topics. Payloads are JSON-safe domain data, so a Redis-backed bus carries them unchanged. */
export const Topic = {
  CapacityChanged: "CAPACITY_CHANGED",
  ExtensionChanged: "EXTENSION_CHANGED",
  CapacityAlert: "CAPACITY_ALERT",
} as const;

/**
 * What made an account change: our own mutation, a RingCentral push notification, the reconciliation poller, new
 * thresholds; `INITIAL` marks the state a subscription starts with.
 */
export type ChangeCause = "MUTATION" | "PUSH" | "POLL" | "THRESHOLDS" | "INITIAL";

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
 * Typed publish/subscribe over an `EventTarget`: in process, or `@graphql-yoga/redis-event-target` so that events
 * published on any instance reach subscribers on all instances sharing `namespace` (channels are
 * `<namespace><topic>`, so deployments and test runs sharing one Redis stay apart). Every local listener receives
 * the same payload object, which is what lets subscribers share executions.
 */
export class EventBus {
  private readonly eventTarget: Pick<EventTarget, "addEventListener" | "removeEventListener" | "dispatchEvent">;

  constructor(
    private readonly namespace: string,
    private readonly redis?: { publishClient: Redis; subscribeClient: Redis },
  ) {
    if (redis) {
      this.eventTarget = createRedisEventTarget(redis);
      // Every channel stays subscribed for the bus's life: no SUBSCRIBE/UNSUBSCRIBE churn as dashboards come and go,
      // and no window in which a new subscriber's channel is not yet subscribed (see `ready`).
      for (const topic of Object.values(Topic))
        this.eventTarget.addEventListener(`${namespace}${topic}`, () => undefined);
    } else {
      const local = new EventTarget();
      // One listener per subscriber until it joins its group's stream: thousands are expected, not a leak.
      setMaxListeners(0, local);
      this.eventTarget = local;
    }
  }

  publish<T extends TopicName>(topic: T, payload: TopicPayloads[T]): void {
    this.eventTarget.dispatchEvent(new CustomEvent(`${this.namespace}${topic}`, { detail: payload }));
  }

  /** Calls `listener` with each event of `topic` from now on; returns the function that stops it. */
  listen<T extends TopicName>(topic: T, listener: (payload: TopicPayloads[T]) => void): () => void {
    const type = `${this.namespace}${topic}`;
    const handler = (event: Event) => listener((event as CustomEvent<TopicPayloads[T]>).detail);
    this.eventTarget.addEventListener(type, handler);
    return () => this.eventTarget.removeEventListener(type, handler);
  }

  /** The events of `topic` from now on, as an async iterator. */
  subscribe<T extends TopicName>(topic: T): AsyncIterableIterator<TopicPayloads[T]> {
    return new EventFeed<TopicPayloads[T]>((deliver) => this.listen(topic, deliver));
  }

  /**
   * Resolves once Redis has processed the bus's SUBSCRIBEs (a PING on the same connection answers after them), so an
   * event published anywhere from then on reaches this instance.
   */
  async ready(): Promise<void> {
    await this.redis?.subscribeClient.ping();
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
  logger: FieldLogger,
): { publishClient: Redis; subscribeClient: Redis } {
  return {
    publishClient: createRedisConnection(redisUrl, { name: "headroom-bus-publish", logger }),
    subscribeClient: createRedisConnection(redisUrl, { name: "headroom-bus-subscribe", logger }),
  };
}
