/** A capacity change shaped like Headroom's `capacityChanged` payload, JSON-safe (what the pubsub carries). */
export interface CapacityChange {
  accountId: string;
  initial: boolean;
  capacity: {
    limit: number | null;
    limitSource: string;
    used: number;
    unassigned: number;
    available: number | null;
    utilization: number | null;
    level: string;
    remediation: { kind: string; message: string } | null;
    phoneNumbers: { inventory: number; assigned: number };
    observedAt: string;
    stale: boolean;
  };
}

/** The account every bench subscriber watches. */
export const BENCH_ACCOUNT_ID = "acc-bench-1";

const LIMIT = 10;
const START = Date.UTC(2025, 0, 1);

/**
 * The account's capacity after `change` changes (0 = the initial state); `used` alternates like a create/delete
 * loop, and every change has its own `observedAt`, so consecutive events always differ.
 * Keys are in the order of {@link CAPACITY_CHANGED_QUERY}'s selection, so a plain `JSON.stringify` of a graphql-ws
 * `next` message carrying it has the same bytes as graphql-ws's own.
 */
export function capacityChange(change: number, initial: boolean): CapacityChange {
  const used = 8 + (change % 2);
  return {
    accountId: BENCH_ACCOUNT_ID,
    initial,
    capacity: {
      limit: LIMIT,
      limitSource: "PLAN",
      used,
      unassigned: 0,
      available: LIMIT - used,
      utilization: used / LIMIT,
      level: used >= 9 ? "CRITICAL" : "WARNING",
      remediation: {
        kind: "UPGRADE_PLAN",
        message: "Essentials is capped at 10 users: upgrade the plan or ask your account manager.",
      },
      phoneNumbers: { inventory: 3, assigned: used },
      observedAt: new Date(START + change * 1_000).toISOString(),
      stale: false,
    },
  };
}

/** The subscription every graphql-ws bench subscriber sends. */
export const CAPACITY_CHANGED_QUERY = /* GraphQL */ `
  subscription CapacityChanged($accountId: ID!) {
    capacityChanged(accountId: $accountId) {
      accountId
      initial
      capacity {
        limit
        limitSource
        used
        unassigned
        available
        utilization
        level
        remediation {
          kind
          message
        }
        phoneNumbers {
          inventory
          assigned
        }
        observedAt
        stale
      }
    }
  }
`;
