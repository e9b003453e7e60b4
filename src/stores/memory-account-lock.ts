import { DEFAULT_LOCK_ACQUIRE_TIMEOUT_MS, type AccountLock, type AccountLockTimeouts } from "./account-lock.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { LockTimeoutError } from "./lock-errors.js";

/** `AccountLock` for a single process: a FIFO mutex per account. The signal given to `work` never aborts. */
export class InMemoryAccountLock implements AccountLock {
  private readonly mutexes = new KeyedMutex();
  private readonly acquireTimeoutMs: number;

  constructor({ acquireTimeoutMs = DEFAULT_LOCK_ACQUIRE_TIMEOUT_MS }: AccountLockTimeouts = {}) {
    this.acquireTimeoutMs = acquireTimeoutMs;
  }

  /** Accounts whose lock is held or awaited; idle accounts keep no state. */
  get activeAccountCount(): number {
    return this.mutexes.activeKeyCount;
  }

  withLock<T>(accountId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.mutexes.runExclusive(accountId, () => work(new AbortController().signal), {
      ms: this.acquireTimeoutMs,
      error: () => new LockTimeoutError(accountId, this.acquireTimeoutMs),
    });
  }
}
