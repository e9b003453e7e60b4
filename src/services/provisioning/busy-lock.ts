import { AccountBusyError } from "../../errors.js";
import type { AccountLock } from "../../stores/account-lock.js";
import { LockTimeoutError } from "../../stores/lock-errors.js";

/** The account lock, with a wait that ran out reported to clients as a retryable domain error. */
export function withBusyErrors(lock: AccountLock): AccountLock {
  return {
    withLock: async (accountId, work) => {
      try {
        return await lock.withLock(accountId, work);
      } catch (error) {
        if (error instanceof LockTimeoutError) throw new AccountBusyError();
        throw error;
      }
    },
  };
}
