import { InvalidInputError } from "../errors.js";

/** The GraphQL types that carry global ids. */
export type NodeType = "Account" | "User" | "Extension" | "PhoneNumber";

const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>(["Account", "User", "Extension", "PhoneNumber"]);

export interface GlobalIdParts {
  readonly type: NodeType;
  readonly accountId: string;
  /** The resource's RingCentral id; for accounts, the account id again. */
  readonly rcId: string;
}

/** Opaque, URL-safe id: clients must not parse it, but it names the account so tenancy is checked first. */
export function toGlobalId(type: NodeType, accountId: string, rcId: string = accountId): string {
  return Buffer.from(`${type}:${accountId}:${rcId}`, "utf8").toString("base64url");
}

/** Throws `InvalidInputError` for anything that is not one of our ids. */
export function fromGlobalId(id: string, field = "id"): GlobalIdParts {
  const [type, accountId, rcId, ...rest] = Buffer.from(id, "base64url").toString("utf8").split(":");
  if (!type || !NODE_TYPES.has(type) || !accountId || !/^\d+$/.test(accountId) || !rcId || rest.length > 0) {
    throw new InvalidInputError(field, `${field} is not a valid Headroom id`);
  }
  return { type: type as NodeType, accountId, rcId };
}
