import { hashApiKey, type Role, type TenantConfig } from "../config.js";

/** Who is calling: resolved once per request (HTTP) or connection (WebSocket). */
export interface Caller {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly role: Role;
  /** The only RingCentral accounts this caller may see; anything else looks missing. */
  readonly accountIds: ReadonlySet<string>;
}

export type ApiKeyAuthenticator = (authorization: string | undefined) => Caller | undefined;

/**
 * Maps `Authorization: Bearer <key>` to a caller. Keys are looked up by SHA-256, so plain keys are never held;
 * the scheme is case-insensitive, as HTTP says.
 */
export function createApiKeyAuthenticator(tenants: readonly TenantConfig[]): ApiKeyAuthenticator {
  const callersByKeyHash = new Map<string, Caller>();
  for (const tenant of tenants) {
    for (const key of tenant.apiKeys) {
      callersByKeyHash.set(key.sha256, {
        tenantId: tenant.id,
        tenantName: tenant.name,
        role: key.role,
        accountIds: new Set(tenant.accountIds),
      });
    }
  }
  return (authorization) => {
    const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    return match ? callersByKeyHash.get(hashApiKey(match[1]!)) : undefined;
  };
}
