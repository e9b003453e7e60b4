import { Redis } from "ioredis";
import { describeError, silentLogger, type FieldLogger } from "../field-logger.js";

/** Every key the stores write starts with this, so one Redis can serve other applications (and tests) too. */
export const DEFAULT_KEY_PREFIX = "headroom:";

export interface RedisConnectionOptions {
  /** Shown in `CLIENT LIST` and in logs, e.g. `headroom-stores`. */
  readonly name: string;
  /** Connection errors go here (once per outage), instead of surfacing as unhandled `error` events. */
  readonly logger?: FieldLogger;
  /** Time allowed to open the TCP connection. Default 5_000 ms. */
  readonly connectTimeoutMs?: number;
  /** A command without an answer after this long rejects. Default 5_000 ms. */
  readonly commandTimeoutMs?: number;
}

/**
 * An ioredis client that fails fast instead of hanging: commands sent while disconnected are queued, but rejected
 * after two reconnection attempts (a few hundred ms when Redis is down) or after `commandTimeoutMs`. The client
 * keeps reconnecting in the background (100 ms, 200 ms, … up to 2 s apart) until `closeRedisConnection`.
 * Connection errors are logged, never thrown as unhandled `error` events.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const { name, logger = silentLogger, connectTimeoutMs = 5_000, commandTimeoutMs = 5_000 } = options;
  const redis = new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  // One warning per outage: ioredis emits an error on every reconnection attempt.
  let healthy = true;
  redis.on("error", (error: unknown) => {
    if (healthy) logger.warn({ redis: name, error: describeError(error) }, "redis connection error");
    else logger.debug({ redis: name, error: describeError(error) }, "redis connection error");
    healthy = false;
  });
  redis.on("ready", () => {
    if (!healthy) logger.info({ redis: name }, "redis connection restored");
    healthy = true;
  });
  return redis;
}

/**
 * Closes gracefully (`QUIT`, then resolves once the socket has ended) when connected; otherwise stops connecting
 * and reconnecting at once. Never throws.
 */
export async function closeRedisConnection(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  if (redis.status !== "ready") {
    redis.disconnect();
    return;
  }
  const ended = new Promise((resolve) => redis.once("end", resolve));
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
  await ended;
}
