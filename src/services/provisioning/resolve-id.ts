import { isPerson, type Extension } from "../../domain/directory.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import { fromGlobalId, type NodeType } from "../../schema/global-id.js";

/**
 * Accepts a global id of `type` or a raw RingCentral id. A global id of another account is reported as missing
 * from this one, never as someone else's.
 */
export function rcIdIn(accountId: string, id: string, type: NodeType, field: string): string {
  if (/^\d+$/.test(id)) return id;
  const parts = fromGlobalId(id, field);
  if (parts.type !== type || parts.accountId !== accountId) {
    throw new NotFoundError(`${field}: no such ${type} in account ${accountId}`);
  }
  return parts.rcId;
}

/** An unknown or foreign phone number id is bad input here (the caller chose it), not a missing resource. */
export function phoneNumberRcIdIn(accountId: string, id: string, field: string): string {
  try {
    return rcIdIn(accountId, id, "PhoneNumber", field);
  } catch {
    throw new InvalidInputError(field, `${field} is not a number of this account`);
  }
}

/** The person (not an unassigned seat, not a non-user extension) with `rcId`, else NOT_FOUND on `input.userId`. */
export function requirePerson(extensions: readonly Extension[], rcId: string, accountId: string): Extension {
  const user = extensions.find((e) => e.rcId === rcId && isPerson(e));
  if (!user) throw new NotFoundError(`input.userId: no such user in account ${accountId}`);
  return user;
}
