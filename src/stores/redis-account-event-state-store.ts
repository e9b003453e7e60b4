import { setTimeout as delay } from "node:timers/promises";
import type { Redis } from "ioredis";
import type { AccountEventState, AccountEventStateStore } from "./account-event-state.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { runLuaScript } from "./lua-script.js";
import { DEFAULT_KEY_PREFIX } from "./redis-connection.js";
import { compareAndSet } from "./redis-scripts.js";

export interface RedisAccountEventStateStoreOptions {
  readonly redis: Redis;
  /** Default `headroom:`; keys are `<prefix>event-state:<accountId>`. */
  readonly keyPrefix?: string;
}

const MAX_UPDATE_ATTEMPTS = 20;
const RETRY_JITTER_MS = 10;

/**
 * `AccountEventStateStore` shared by every instance: one JSON value per account. `update` queues behind the
 * instance's other updates of the account, then is optimistic across instances: read, change, and a
 * compare-and-set script that writes only if the value is still the one read; on a lost race it retries after
 * a jittered pause of up to 10 ms, at most 20 times.
 */
export class RedisAccountEventStateStore implements AccountEventStateStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly local = new KeyedMutex();

  constructor(options: RedisAccountEventStateStoreOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  }

  async get(accountId: string): Promise<AccountEventState | undefined> {
    const json = await this.redis.get(this.keyOf(accountId));
    return json === null ? undefined : (JSON.parse(json) as AccountEventState);
  }

  async set(accountId: string, state: AccountEventState): Promise<void> {
    await this.redis.set(this.keyOf(accountId), JSON.stringify(state));
  }

  async update(
    accountId: string,
    change: (current: AccountEventState | undefined) => AccountEventState,
  ): Promise<AccountEventState> {
    // Updates from this instance queue locally, so compare-and-set races only happen between instances.
    return this.local.runExclusive(accountId, async () => {
      const key = this.keyOf(accountId);
      for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt += 1) {
        const json = await this.redis.get(key);
        const nextJson = JSON.stringify(change(json === null ? undefined : (JSON.parse(json) as AccountEventState)));
        const expected = json === null ? ["0", ""] : ["1", json];
        if ((await runLuaScript(this.redis, compareAndSet, [key], [...expected, nextJson])) === 1) {
          return JSON.parse(nextJson) as AccountEventState;
        }
        await delay(Math.random() * RETRY_JITTER_MS);
      }
      throw new Error(`Gave up updating the event state of account ${accountId} after ${MAX_UPDATE_ATTEMPTS} races`);
    });
  }

  private keyOf(accountId: string): string {
    return `${this.keyPrefix}event-state:${accountId}`;
  }
}
