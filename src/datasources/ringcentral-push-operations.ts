import type { RateLimitGroup } from "./operations.js";

/**
 * The push operations Headroom calls, by RingCentral `operationId`, with their `x-throttling-group`
 * (REFERENCE.md §8.1, §8.3). `authWsToken` is what `@ringcentral/subscriptions` spends to open a WebSocket.
 */
export const pushOperationGroups = {
  authWsToken: "Auth",
  createSubscription: "Medium",
  renewSubscription: "Light",
  deleteSubscription: "Medium",
} as const satisfies Record<string, RateLimitGroup>;

export type PushOperationId = keyof typeof pushOperationGroups;
