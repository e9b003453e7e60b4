import type { WireNotification } from "../../datasources/ringcentral.wire.js";

/**
 * Wire shapes of the push API (`SubscriptionInfo`, `SubscriptionListResource`, `WsTokenResponse` in the spec) and of
 * the WebSocket gateway's frames (REFERENCE.md §8.3). Local to the emulator: Headroom itself reads only
 * `WireNotification` from `ringcentral.wire.ts`.
 */

export type WireDeliveryMode =
  { transportType: "WebHook"; address: string; encryption: false } | { transportType: "WebSocket" };

export interface WireSubscriptionInfo {
  id: string;
  creationTime: string;
  status: "Active" | "Blacklisted";
  uri: string;
  eventFilters: string[];
  expirationTime: string;
  expiresIn: number;
  deliveryMode: WireDeliveryMode;
}

export interface WireSubscriptionList {
  uri: string;
  records: WireSubscriptionInfo[];
}

export interface WireWsToken {
  uri: string;
  ws_access_token: string;
  expires_in: number;
}

export type WsFrameType = "ClientRequest" | "ServerNotification" | "Error" | "ConnectionDetails" | "Heartbeat";

/** `wsc`: the session-recovery token and the sequence number of the frame that carries it. */
export interface WireWsc {
  token: string;
  sequence: number;
}

/** First element of every frame; a frame is the JSON array `[meta]` or `[meta, body]`. */
export interface WireWsMeta {
  type: WsFrameType;
  messageId: string;
  status: number;
  headers: Record<string, string>;
  wsc?: WireWsc;
}

export interface WireConnectionDetails {
  creationTime: string;
  maxConnectionsPerSession: number;
  recoveryBufferSize: number;
  recoveryTimeout: number;
  idleTimeout: number;
  absoluteTimeout: number;
  maxActiveRequests: number;
  recoveryState?: "Successful" | "Failed";
}

export type { WireNotification };
