/**
 * Serializes provisioning per account, so that two mutations never both see the last free seat.
 * In memory within one process; through Redis across instances.
 */
export interface AccountLock {
  /**
   * Runs `work` while holding `accountId`'s lock and releases the lock when `work` settles (also on a throw).
   * `signal` aborts (with a `LockLostError`) if the lock is lost while `work` runs (Redis: the lease could not be
   * extended in time); `work` should then stop before its next upstream write. Whatever `work` returns or throws
   * is passed through unchanged, even after a loss.
   * @throws LockTimeoutError when the lock is not acquired within the lock's `acquireTimeoutMs`.
   */
  withLock<T>(accountId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export interface AccountLockTimeouts {
  /** How long `withLock` waits for the lock before throwing `LockTimeoutError`. Default 10_000 ms. */
  readonly acquireTimeoutMs?: number;
}

export const DEFAULT_LOCK_ACQUIRE_TIMEOUT_MS = 10_000;
