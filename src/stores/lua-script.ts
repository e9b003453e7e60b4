import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

export function defineLuaScript(source: string): LuaScript {
  return { source, sha1: createHash("sha1").update(source).digest("hex") };
}

/** Runs `script` by its hash, sending the source only when Redis does not know it yet (`NOSCRIPT`). */
export async function runLuaScript(
  redis: Redis,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha1, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error;
    return redis.eval(script.source, keys.length, ...keys, ...args);
  }
}
