import { notFound } from "../errors.js";
import type { PushDelivery, PushDispatcher } from "./dispatcher.js";
import type { SubscriptionStore } from "./subscription-store.js";
import type { WebSocketGateway } from "./websocket-gateway.js";

/** A subscription as the controls show it: every owner and transport detail, expired ones included. */
export interface PushSubscriptionSummary {
  id: string;
  accountId: string;
  extensionId: string;
  clientId: string;
  transportType: "WebHook" | "WebSocket";
  /** WebHook receiver URL. */
  address?: string;
  eventFilters: string[];
  creationTime: string;
  expirationTime: string;
  expired: boolean;
}

/**
 * Switches over push delivery, for tests that prove what happens when notifications go missing. They act on
 * notifications (one envelope for one subscription), never on the subscription API itself.
 */
export interface PushControls {
  /** Stops delivering: every notification is logged with outcome `paused` and thrown away (not queued). */
  pause(): void;
  /** Delivers again, from the next change on; what was missed while paused stays missed. */
  resume(): void;
  isPaused(): boolean;
  /**
   * The next `count` notifications (of `subscriptionId` only, when given) are thrown away and logged as `dropped`.
   * Rules apply in the order they were queued.
   */
  dropNext(count: number, options?: { subscriptionId?: string }): void;
  /**
   * Expires a subscription now: it stops receiving and reads as 404 SUB-507 (a WebSocket client's refresh then
   * subscribes again). Throws `ApiHttpError` 404 CMN-102 for an unknown id.
   */
  expireSubscription(subscriptionId: string): void;
  /** Every subscription of every account, in creation order. */
  subscriptions(): PushSubscriptionSummary[];
  /** The last 500 notifications dispatched, oldest first, with their outcome (WebHook and WebSocket). */
  readonly deliveries: readonly PushDelivery[];
  clearDeliveries(): void;
  /** Calls `listener` with every delivery as it is logged; returns the unsubscribe function. */
  onDelivery(listener: (delivery: PushDelivery) => void): () => void;
  /** Resolves once no WebHook POST is in flight: after it, `deliveries` holds the outcome of every change so far. */
  settled(): Promise<void>;
  /** Closes every WebSocket connection (their subscriptions end; clients recover and subscribe again). */
  disconnectWebSockets(): number;
}

export function createPushControls(
  store: SubscriptionStore,
  dispatcher: PushDispatcher,
  gateway: WebSocketGateway,
  now: () => Date,
): PushControls {
  return {
    pause: () => {
      dispatcher.paused = true;
    },
    resume: () => {
      dispatcher.paused = false;
    },
    isPaused: () => dispatcher.paused,
    dropNext: (count, options = {}) => dispatcher.dropNext(count, options.subscriptionId),
    expireSubscription: (subscriptionId) => {
      const record = store.get(subscriptionId);
      if (!record) {
        throw notFound("subscriptionId");
      }
      record.expiredByControl = true;
      record.expiresAtMs = Math.min(record.expiresAtMs, now().getTime());
    },
    subscriptions: () =>
      store.all().map((record) => ({
        id: record.id,
        accountId: record.owner.accountId,
        extensionId: record.owner.extensionId,
        clientId: record.owner.clientId,
        transportType: record.delivery.transportType,
        ...(record.delivery.transportType === "WebHook" ? { address: record.delivery.address } : {}),
        eventFilters: record.filters.map((f) => f.uri),
        creationTime: record.creationTime,
        expirationTime: new Date(store.expirationMs(record)).toISOString(),
        expired: store.isExpired(record),
      })),
    get deliveries() {
      return dispatcher.deliveries;
    },
    clearDeliveries: () => dispatcher.clearDeliveries(),
    onDelivery: (listener) => dispatcher.onDelivery(listener),
    settled: () => dispatcher.settled(),
    disconnectWebSockets: () => gateway.disconnectAll(),
  };
}
