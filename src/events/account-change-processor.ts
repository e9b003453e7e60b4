import { initialAlertState, nextAlert, type AlertPolicy } from "../domain/capacity/alerts.js";
import type { Capacity } from "../domain/capacity/types.js";
import type { Extension } from "../domain/directory.js";
import type { Logger } from "../logger.js";
import type { CapacityService } from "../services/capacity.service.js";
import type { AccountEventStateStore } from "../stores/account-event-state.js";
import { Topic, type ChangeCause, type EventBus, type ExtensionChangeKind } from "./pubsub.js";

export interface ExtensionChange {
  readonly extensionRcId: string;
  readonly kind: ExtensionChangeKind;
}

/** Runs `work` alone for `key` across every instance sharing the lock. */
export interface SerialRunner {
  withLock<T>(key: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export interface AccountChangeProcessorDeps {
  readonly directory: {
    extensions(accountId: string): Promise<{ value: Extension[] }>;
  };
  readonly capacity: CapacityService;
  readonly bus: EventBus;
  readonly state: AccountEventStateStore;
  readonly lock: SerialRunner;
  readonly alertPolicy: AlertPolicy;
  readonly now: () => Date;
  readonly logger: Logger;
}

/**
 * Every change to an account, whatever its source (our mutations, RingCentral push, the poller), goes through
 * `process`: re-read, recompute capacity through the domain, and publish `extensionChanged` for each change,
 * `capacityChanged` when any capacity field moved, and `capacityAlert` on level transitions.
 * Runs one at a time per account (across instances when the lock is Redis), so alert state never races.
 */
export class AccountChangeProcessor {
  constructor(private readonly deps: AccountChangeProcessorDeps) {}

  /**
   * Reads what the caller has already refreshed (our writes amend or invalidate the cache, the watcher re-reads).
   * @returns the capacity after the change.
   */
  async process(accountId: string, cause: ChangeCause, changes: readonly ExtensionChange[]): Promise<Capacity> {
    return this.deps.lock.withLock(`events:${accountId}`, async () => {
      const capacity = await this.deps.capacity.capacityOf(accountId);
      await this.publishExtensionChanges(accountId, cause, changes);
      await this.publishCapacity(accountId, cause, capacity);
      return capacity;
    });
  }

  /**
   * Records `capacity` as the baseline when the account has none yet, so the first change after start-up is
   * measured against the level the account really had (not against OK).
   */
  async ensureBaseline(accountId: string, capacity: Capacity): Promise<void> {
    if (capacity.stale || (await this.deps.state.get(accountId))) return;
    await this.deps.lock.withLock(`events:${accountId}`, async () => {
      if (await this.deps.state.get(accountId)) return;
      await this.deps.state.set(accountId, { alert: initialAlertState(capacity.level), lastCapacity: capacity });
    });
  }

  private async publishExtensionChanges(
    accountId: string,
    cause: ChangeCause,
    changes: readonly ExtensionChange[],
  ): Promise<void> {
    if (changes.length === 0) return;
    const extensions = (await this.deps.directory.extensions(accountId)).value;
    for (const change of changes) {
      const extension =
        change.kind === "DELETED" ? null : (extensions.find((e) => e.rcId === change.extensionRcId) ?? null);
      this.deps.bus.publish(Topic.ExtensionChanged, {
        accountId,
        kind: extension === null ? "DELETED" : change.kind,
        extensionRcId: change.extensionRcId,
        extension,
        cause,
      });
    }
  }

  private async publishCapacity(accountId: string, cause: ChangeCause, capacity: Capacity): Promise<void> {
    const previous = (await this.deps.state.get(accountId)) ?? { alert: initialAlertState("OK") };
    if (!previous.lastCapacity || keyOf(capacity) !== keyOf(previous.lastCapacity)) {
      this.deps.bus.publish(Topic.CapacityChanged, { accountId, capacity, cause });
    }
    const outcome = nextAlert({
      accountId,
      state: previous.alert,
      capacity,
      policy: this.deps.alertPolicy,
      now: this.deps.now(),
    });
    if (outcome.alert) this.deps.bus.publish(Topic.CapacityAlert, { accountId, alert: outcome.alert });
    if (outcome.suppressed) {
      this.deps.logger.debug({ accountId, ...outcome.suppressed }, "capacity alert held back by the cooldown");
    }
    await this.deps.state.set(accountId, { alert: outcome.state, lastCapacity: capacity });
  }
}

/** Everything a subscriber would see change; `observedAt` moves on every read and is not a change. */
function keyOf(capacity: Capacity): string {
  const { observedAt: _observedAt, ...fields } = capacity;
  return JSON.stringify(fields);
}
