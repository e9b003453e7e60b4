import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { closeRedisConnection, createRedisConnection } from "../../../src/stores/redis-connection.js";

/** Tests run against a real Redis; when it is unreachable they fail, they never skip. */
export const TEST_REDIS_URL = "redis://127.0.0.1:6379";

export interface TestRedis {
  /** Unique to this file and run: `headroom-test:<file>:<uuid>:`. */
  readonly keyPrefix: string;
  /** A new client, as a separate instance of the service would have; closed by `cleanup`. */
  connect(name?: string): Redis;
  /** Deletes every key under `keyPrefix` and closes every client. For `afterAll`. */
  cleanup(): Promise<void>;
}

export function createTestRedis(file: string): TestRedis {
  const keyPrefix = `headroom-test:${file}:${randomUUID()}:`;
  const clients: Redis[] = [];
  const connect = (name = `test-${file}`): Redis => {
    const client = createRedisConnection(TEST_REDIS_URL, { name });
    clients.push(client);
    return client;
  };
  return {
    keyPrefix,
    connect,
    async cleanup() {
      const admin = connect(`test-${file}-cleanup`);
      let cursor = "0";
      do {
        const [next, keys] = await admin.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 1_000);
        if (keys.length > 0) await admin.del(...keys);
        cursor = next;
      } while (cursor !== "0");
      await Promise.all(clients.map(closeRedisConnection));
    },
  };
}
