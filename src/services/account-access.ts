import type { Caller } from "../auth/api-key-authenticator.js";
import { NotFoundError } from "../errors.js";

/**
 * The one tenancy check: an account outside the caller's tenant is reported exactly like a missing one, so ids
 * of other tenants' accounts cannot be probed.
 */
export function assertVisibleAccount(caller: Caller, accountId: string): string {
  if (!caller.accountIds.has(accountId)) throw new NotFoundError(`No account ${accountId}`);
  return accountId;
}
