import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { closeRedisConnection, createRedisConnection } from "../../../src/stores/redis-connection.js";

/** Tests run against a real Redis; when it is unreachable they fail, they never skip. */
export const TEST_REDIS_URL = "redis://127.0.0.1:6379";

export interface TestRedis {
  /** Unique to this file and run: `headroom-test:<file>:<uuid>:`. */
  readonly keyPrefix: string;
  /** A new client, as a separate instance of the service would have; closed by `cleanup`. */
  connect(name?: string): Redis;
}

/**
 * Redis for one test file: a unique key prefix and clients. When Redis does not answer, every test fails (none is
 * skipped); after the file, every key under the prefix is deleted and every client
 * closed.
 */
export function useTestRedis(file: string): TestRedis {
  const keyPrefix = `headroom-test:${file}:${randomUUID()}:`;
  const clients: Redis[] = [];
  const connect = (name = `test-${file}`): Redis => {
    const client = createRedisConnection(TEST_REDIS_URL, { name });
    clients.push(client);
    return client;
  };
  const admin = connect(`test-${file}-admin`);
  // Pinged once: every test then fails at once with the same error, instead of each waiting for its own timeout.
  let unreachable: unknown;
  beforeAll(async () => {
    await admin.ping().catch((error: unknown) => {
      unreachable = error ?? new Error("Redis did not answer");
    });
  });
  beforeEach(() => {
    if (unreachable !== undefined) throw unreachable;
  });
  afterAll(async () => {
    try {
      if (unreachable !== undefined) return;
      let cursor = "0";
      do {
        const [next, keys] = await admin.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 1_000);
        if (keys.length > 0) await admin.del(...keys);
        cursor = next;
      } while (cursor !== "0");
    } finally {
      await Promise.all(clients.map(closeRedisConnection));
    }
  });
  return { keyPrefix, connect };
}
