import type { Redis } from "ioredis";
import type { CapacityThresholds } from "../domain/capacity/types.js";
import type { ThresholdStore } from "../services/policy-provider.js";
import { DEFAULT_KEY_PREFIX } from "./redis-connection.js";

export interface RedisThresholdStoreOptions {
  readonly redis: Redis;
  /** Default `headroom:`; keys are `<prefix>thresholds:<accountId>`. */
  readonly keyPrefix?: string;
}

/** `ThresholdStore` shared by every instance: one JSON value per account, kept until overwritten. */
export class RedisThresholdStore implements ThresholdStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;

  constructor(options: RedisThresholdStoreOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  }

  async get(accountId: string): Promise<CapacityThresholds | undefined> {
    const json = await this.redis.get(this.keyOf(accountId));
    return json === null ? undefined : (JSON.parse(json) as CapacityThresholds);
  }

  async set(accountId: string, thresholds: CapacityThresholds): Promise<void> {
    await this.redis.set(this.keyOf(accountId), JSON.stringify(thresholds));
  }

  private keyOf(accountId: string): string {
    return `${this.keyPrefix}thresholds:${accountId}`;
  }
}
