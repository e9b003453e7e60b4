import type { AlertState } from "../domain/capacity/alerts.js";
import type { Capacity } from "../domain/capacity/types.js";

/** What the capacity watcher remembers per account between evaluations. JSON-safe. */
export interface AccountEventState {
  /** The alert memory `nextAlert` takes and returns. */
  readonly alert: AlertState;
  /** The capacity last published on `capacityChanged`, so that an unchanged one is not published again. */
  readonly lastCapacity?: Capacity;
}

/** Per-account `AccountEventState`, kept until overwritten. Values returned are copies. */
export interface AccountEventStateStore {
  get(accountId: string): Promise<AccountEventState | undefined>;
  set(accountId: string, state: AccountEventState): Promise<void>;
  /**
   * Atomic read-modify-write: stores `change(current)` unless another writer changed the state in between, in which
   * case `change` runs again on the newer state. So `change` must be synchronous and free of side effects; the value
   * of its last call is what was stored, and is returned.
   * @throws Error when it keeps losing races (Redis: 20 in a row, i.e. sustained contention on one account).
   */
  update(
    accountId: string,
    change: (current: AccountEventState | undefined) => AccountEventState,
  ): Promise<AccountEventState>;
}
