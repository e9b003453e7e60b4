import { NotFoundError } from "../../errors.js";
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
