import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll } from "vitest";

export const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";

const prefixes: string[] = [];
afterAll(async () => {
  if (prefixes.length === 0) return;
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes.splice(0)) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

/** A key prefix of its own, so instances of one test share state and nothing else does; deleted after the file. */
export function redisTestPrefix(): string {
  const prefix = `headroom-test:${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}
