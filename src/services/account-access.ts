import type { Caller } from "../auth/api-key-authenticator.js";
import { NotFoundError } from "../errors.js";
import { fromGlobalId } from "../schema/global-id.js";

/**
 * The one tenancy check: an account outside the caller's tenant is reported exactly like a missing one, so ids
 * of other tenants' accounts cannot be probed. Accepts RingCentral's account id or an Account global id.
 * @returns the RingCentral account id.
 */
export function assertVisibleAccount(caller: Caller, id: string): string {
  const accountId = /^\d+$/.test(id) ? id : accountIdOf(id);
  if (!caller.accountIds.has(accountId)) throw new NotFoundError(`No account ${id}`);
  return accountId;
}

function accountIdOf(globalId: string): string {
  const { type, accountId } = fromGlobalId(globalId);
  if (type !== "Account") throw new NotFoundError(`No account ${globalId}`);
  return accountId;
}
