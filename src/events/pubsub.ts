import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, type PubSub } from "@graphql-yoga/subscription";
import type { Redis } from "ioredis";
import type { CapacityAlert } from "../domain/capacity/alerts.js";
import type { Capacity } from "../domain/capacity/types.js";
import type { Extension } from "../domain/directory.js";

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

export type EventBus = PubSub<{
  [Topic.CapacityChanged]: [CapacityChangedEvent];
  [Topic.ExtensionChanged]: [ExtensionChangedEvent];
  [Topic.CapacityAlert]: [CapacityAlertEvent];
}>;

/**
 * One bus per server. With Redis clients (a dedicated subscriber connection is required by Redis), events published
 * on any instance reach subscribers on all instances.
 */
export function createEventBus(redis?: { publishClient: Redis; subscribeClient: Redis }): EventBus {
  return createPubSub(redis ? { eventTarget: createRedisEventTarget(redis) } : {});
}
