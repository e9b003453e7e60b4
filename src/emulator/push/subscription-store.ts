import type { TokenOwner } from "../tokens.js";
import type { EventFilter } from "./event-filters.js";
import type { WireSubscriptionInfo } from "./wire.js";

/** Where a subscription's notifications go. A WebSocket subscription lives exactly as long as its connection. */
export type DeliveryTarget =
  | { readonly transportType: "WebHook"; readonly address: string; readonly verificationToken: string | undefined }
  | { readonly transportType: "WebSocket"; readonly sessionId: string };

export interface SubscriptionRecord {
  readonly id: string;
  readonly owner: TokenOwner;
  filters: EventFilter[];
  readonly delivery: DeliveryTarget;
  readonly creationTime: string;
  /** The lifetime last asked for (WebHook) or the fixed WebSocket lifetime, in seconds. */
  expiresInSeconds: number;
  /** WebHook expiry (epoch ms). WebSocket subscriptions renew themselves while their connection is open. */
  expiresAtMs: number;
  /** Set by `controls.push.expireSubscription`: the subscription is expired whatever its transport. */
  expiredByControl: boolean;
}

/** WebSocket subscriptions report this lifetime and renew it while the socket lives (RingCentral ignores `expiresIn`). */
export const WEBSOCKET_EXPIRES_IN_SECONDS = 900;

/** Subscriptions of every account. Expired ones stay (they read as 404 SUB-507) until deleted. */
export class SubscriptionStore {
  private readonly records = new Map<string, SubscriptionRecord>();

  constructor(private readonly now: () => Date) {}

  add(record: SubscriptionRecord): void {
    this.records.set(record.id, record);
  }

  get(id: string): SubscriptionRecord | undefined {
    return this.records.get(id);
  }

  delete(id: string): boolean {
    return this.records.delete(id);
  }

  all(): SubscriptionRecord[] {
    return [...this.records.values()];
  }

  isExpired(record: SubscriptionRecord): boolean {
    if (record.expiredByControl) return true;
    return record.delivery.transportType === "WebHook" && record.expiresAtMs <= this.nowMs();
  }

  /** Live subscriptions of one user of one app, in creation order: what listing and the limit of 30 count. */
  liveOf(owner: TokenOwner): SubscriptionRecord[] {
    return this.all().filter((r) => sameOwner(r.owner, owner) && !this.isExpired(r));
  }

  /** Live subscriptions of every user and app of an account: who gets that account's events. */
  liveInAccount(accountId: string): SubscriptionRecord[] {
    return this.all().filter((r) => r.owner.accountId === accountId && !this.isExpired(r));
  }

  /** WebSocket subscriptions of one connection (at most one is live). */
  ofSession(sessionId: string): SubscriptionRecord[] {
    return this.all().filter((r) => r.delivery.transportType === "WebSocket" && r.delivery.sessionId === sessionId);
  }

  expirationMs(record: SubscriptionRecord): number {
    if (record.delivery.transportType === "WebSocket" && !record.expiredByControl) {
      return this.nowMs() + WEBSOCKET_EXPIRES_IN_SECONDS * 1000;
    }
    return record.expiresAtMs;
  }

  toWire(record: SubscriptionRecord, origin: string): WireSubscriptionInfo {
    const expiresAt = this.expirationMs(record);
    return {
      id: record.id,
      creationTime: record.creationTime,
      status: "Active",
      uri: `${origin}/restapi/v1.0/subscription/${record.id}`,
      eventFilters: record.filters.map((f) => f.uri),
      expirationTime: new Date(expiresAt).toISOString(),
      expiresIn: Math.max(1, Math.ceil((expiresAt - this.nowMs()) / 1000)),
      deliveryMode:
        record.delivery.transportType === "WebHook"
          ? { transportType: "WebHook", address: record.delivery.address, encryption: false }
          : { transportType: "WebSocket" },
    };
  }

  private nowMs(): number {
    return this.now().getTime();
  }
}

export function sameOwner(a: TokenOwner, b: TokenOwner): boolean {
  return a.accountId === b.accountId && a.extensionId === b.extensionId && a.clientId === b.clientId;
}
