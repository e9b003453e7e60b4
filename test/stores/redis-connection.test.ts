import { describe, expect, it } from "vitest";
import { closeRedisConnection, createRedisConnection } from "../../src/stores/redis-connection.js";
import type { FieldLogger } from "../../src/field-logger.js";
import { TEST_REDIS_URL } from "./support/redis.js";
import { waitUntil } from "./support/wait.js";

function recordingLogger(): FieldLogger & { warnings: object[] } {
  const warnings: object[] = [];
  const ignore = (): void => undefined;
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (fields) => warnings.push(fields) };
}

describe("createRedisConnection", () => {
  it("answers commands on a reachable Redis and closes cleanly", async () => {
    const redis = createRedisConnection(TEST_REDIS_URL, { name: "test-redis-connection" });

    expect(await redis.ping()).toBe("PONG");
    expect(await redis.client("GETNAME")).toBe("test-redis-connection");
    await closeRedisConnection(redis);
    expect(redis.status).toBe("end");
  });

  it("logs connection errors once, without an unhandled error, and fails commands fast", async () => {
    const logger = recordingLogger();
    const redis = createRedisConnection("redis://:s3cret@127.0.0.1:1", { name: "unreachable", logger });

    await expect(redis.get("anything")).rejects.toThrow();
    await waitUntil("a warning is logged", () => logger.warnings.length > 0);

    expect(logger.warnings).toHaveLength(1);
    expect(JSON.stringify(logger.warnings)).not.toContain("s3cret");
    await closeRedisConnection(redis);
  });
});
