/** RingCentral usage-plan groups: each has its own request budget per user and app (REFERENCE.md §9). */
export type RateLimitGroup = "Light" | "Medium" | "Heavy" | "Auth";

/** The upstream operations Headroom calls, by RingCentral `operationId`, with their `x-throttling-group`. */
export const operationGroups = {
  getToken: "Auth",
  readAccountInfo: "Light",
  listExtensions: "Medium",
  readExtension: "Light",
  createExtension: "Medium",
  updateExtension: "Medium",
  deleteExtension: "Medium",
  bulkDeleteUsersV2: "Heavy",
  listAccountPhoneNumbersV2: "Heavy",
  assignPhoneNumberV2: "Medium",
  // Push (§8.1, §8.3): `authWsToken` is what `@ringcentral/subscriptions` spends to open a WebSocket.
  authWsToken: "Auth",
  createSubscription: "Medium",
  renewSubscription: "Light",
  deleteSubscription: "Medium",
} as const satisfies Record<string, RateLimitGroup>;

export type OperationId = keyof typeof operationGroups;
