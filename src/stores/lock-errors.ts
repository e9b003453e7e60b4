/**
 * Another provisioning operation held the account's lock for longer than the caller was willing to wait.
 * Transient: the client may retry (with the same idempotency key).
 */
export class LockTimeoutError extends Error {
  override readonly name = "LockTimeoutError";
  constructor(
    readonly accountId: string,
    readonly waitedMs: number,
  ) {
    super(`Timed out after ${waitedMs} ms waiting for the provisioning lock of account ${accountId}`);
  }
}

/** The abort reason of `withLock`'s signal: the lease expired or was taken while the work ran. */
export class LockLostError extends Error {
  override readonly name = "LockLostError";
  constructor(
    readonly accountId: string,
    options?: { cause?: unknown },
  ) {
    super(`Lost the provisioning lock of account ${accountId}`, options);
  }
}
