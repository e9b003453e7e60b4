import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context.js";
import { ApiHttpError, asObject, invalidParameter, notFound } from "../errors.js";
import type { TokenOwner } from "../tokens.js";
import { parseEventFilters } from "./event-filters.js";
import {
  sameOwner,
  WEBSOCKET_EXPIRES_IN_SECONDS,
  type DeliveryTarget,
  type SubscriptionRecord,
  type SubscriptionStore,
} from "./subscription-store.js";
import type { WebhookClient } from "./webhook-client.js";
import type { WireSubscriptionInfo, WireSubscriptionList } from "./wire.js";

/** Default WebHook lifetime when `expiresIn` is absent (RingCentral's examples show 604799), in seconds. */
export const DEFAULT_WEBHOOK_EXPIRES_IN_SECONDS = 604_799;
/** Longest WebHook lifetime (10 years); longer requests are clamped to it. */
export const MAX_WEBHOOK_EXPIRES_IN_SECONDS = 315_360_000;
/** Live subscriptions per user per app. */
export const MAX_SUBSCRIPTIONS_PER_USER_APP = 30;

/** Where a subscription call came from: HTTP, or a `ClientRequest` frame on a WebSocket connection. */
export type CallSource = { readonly via: "http" } | { readonly via: "websocket"; readonly sessionId: string };

/**
 * The subscription API, shared by the HTTP routes and the WebSocket gateway. Every method checks that the
 * subscription belongs to the caller (same account, extension and app) and throws `ApiHttpError`s:
 * 404 CMN-102 for an unknown (or someone else's) id, 404 SUB-507 for an expired one.
 */
export class SubscriptionService {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly store: SubscriptionStore,
    private readonly webhooks: WebhookClient,
  ) {}

  /**
   * createSubscription. WebHook: validates the receiver first (400 SUB-525 when the handshake fails).
   * WebSocket (only over a WebSocket connection): replaces the connection's previous subscription.
   */
  async create(owner: TokenOwner, body: unknown, origin: string, source: CallSource): Promise<WireSubscriptionInfo> {
    const input = asObject(body, "body");
    const filters = parseEventFilters(eventFiltersOf(input, true) ?? [], owner, this.ctx.state);
    const delivery = deliveryOf(input["deliveryMode"], source);
    const expiresIn = expiresInOf(input);
    if (this.store.liveOf(owner).length >= MAX_SUBSCRIPTIONS_PER_USER_APP) {
      throw new ApiHttpError(403, "SUB-505", "Subscriptions limit exceeded");
    }
    if (delivery.transportType === "WebHook") {
      const result = await this.webhooks.validate(delivery.address);
      if (!result.ok) throw new ApiHttpError(400, "SUB-525", "WebHook server response is invalid");
    } else {
      for (const previous of this.store.ofSession(delivery.sessionId)) this.store.delete(previous.id);
    }
    const now = this.ctx.now().getTime();
    const expiresInSeconds =
      delivery.transportType === "WebHook"
        ? (expiresIn ?? DEFAULT_WEBHOOK_EXPIRES_IN_SECONDS)
        : WEBSOCKET_EXPIRES_IN_SECONDS;
    const record: SubscriptionRecord = {
      id: randomUUID(),
      owner,
      filters,
      delivery,
      creationTime: new Date(now).toISOString(),
      expiresInSeconds,
      expiresAtMs: now + expiresInSeconds * 1000,
      expiredByControl: false,
    };
    this.store.add(record);
    return this.store.toWire(record, origin);
  }

  list(owner: TokenOwner, origin: string): WireSubscriptionList {
    return {
      uri: `${origin}/restapi/v1.0/subscription`,
      records: this.store.liveOf(owner).map((r) => this.store.toWire(r, origin)),
    };
  }

  read(owner: TokenOwner, id: string, origin: string): WireSubscriptionInfo {
    return this.store.toWire(this.live(owner, id), origin);
  }

  /**
   * updateSubscription: renews (from now, for the new `expiresIn` or the last one) and may replace the event
   * filters. An empty body only renews.
   */
  update(owner: TokenOwner, id: string, body: unknown, origin: string): WireSubscriptionInfo {
    const record = this.live(owner, id);
    const input = body === undefined || body === null ? {} : asObject(body, "body");
    const filters = eventFiltersOf(input, false);
    const parsed = filters === undefined ? undefined : parseEventFilters(filters, owner, this.ctx.state);
    const expiresIn = expiresInOf(input);
    if (parsed !== undefined) record.filters = parsed;
    if (record.delivery.transportType === "WebHook" && expiresIn !== undefined) record.expiresInSeconds = expiresIn;
    this.renewRecord(record);
    return this.store.toWire(record, origin);
  }

  renew(owner: TokenOwner, id: string, origin: string): WireSubscriptionInfo {
    const record = this.live(owner, id);
    this.renewRecord(record);
    return this.store.toWire(record, origin);
  }

  /** deleteSubscription; an expired subscription is deleted too (but answers 404 SUB-507, as a read would). */
  delete(owner: TokenOwner, id: string): void {
    const record = this.owned(owner, id);
    this.store.delete(id);
    if (this.store.isExpired(record)) throw expired();
  }

  private renewRecord(record: SubscriptionRecord): void {
    record.expiresAtMs = this.ctx.now().getTime() + record.expiresInSeconds * 1000;
  }

  private owned(owner: TokenOwner, id: string): SubscriptionRecord {
    const record = this.store.get(id);
    if (!record || !sameOwner(record.owner, owner)) {
      throw notFound("subscriptionId");
    }
    return record;
  }

  private live(owner: TokenOwner, id: string): SubscriptionRecord {
    const record = this.owned(owner, id);
    if (this.store.isExpired(record)) throw expired();
    return record;
  }
}

function expired(): ApiHttpError {
  return new ApiHttpError(404, "SUB-507", "Subscription is expired", "subscriptionId");
}

/** `eventFilters`: a non-empty array of non-empty strings; required on create, optional on update. */
function eventFiltersOf(input: Record<string, unknown>, required: boolean): string[] | undefined {
  const value = input["eventFilters"];
  if (value === undefined && !required) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((f) => typeof f === "string" && f !== "")) {
    throw invalidParameter("eventFilters");
  }
  return value as string[];
}

/** `expiresIn`: a positive integer, clamped to 10 years; undefined when absent. */
function expiresInOf(input: Record<string, unknown>): number | undefined {
  const value = input["expiresIn"];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw invalidParameter("expiresIn", String(value));
  }
  return Math.min(value, MAX_WEBHOOK_EXPIRES_IN_SECONDS);
}

function deliveryOf(value: unknown, source: CallSource): DeliveryTarget {
  if (value === undefined && source.via === "websocket") {
    return { transportType: "WebSocket", sessionId: source.sessionId };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidParameter("deliveryMode");
  const mode = value as Record<string, unknown>;
  const transportType = mode["transportType"];
  if (transportType === "WebSocket" && source.via === "websocket") {
    return { transportType: "WebSocket", sessionId: source.sessionId };
  }
  if (transportType !== "WebHook") {
    throw invalidParameter("deliveryMode.transportType", typeof transportType === "string" ? transportType : undefined);
  }
  const address = mode["address"];
  if (typeof address !== "string" || !isHttpUrl(address)) {
    throw invalidParameter("deliveryMode.address", typeof address === "string" ? address : undefined);
  }
  const verificationToken = mode["verificationToken"];
  if (verificationToken !== undefined && (typeof verificationToken !== "string" || verificationToken === "")) {
    throw invalidParameter("deliveryMode.verificationToken");
  }
  return { transportType: "WebHook", address, verificationToken };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
