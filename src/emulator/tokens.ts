import { randomBytes, randomUUID } from "node:crypto";

/** Who a valid access token speaks for. */
export interface TokenOwner {
  accountId: string;
  extensionId: string;
  clientId: string;
}

export interface TokenStoreOptions {
  /** Longest access-token lifetime granted, in seconds; requests may ask for less. */
  accessTokenTtlSeconds: number;
  /** Longest refresh-token lifetime granted, in seconds; requests may ask for less. */
  refreshTokenTtlSeconds: number;
  now: () => Date;
}

/** Token pair issued by a grant; the route turns it into `TokenInfo`. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  refreshExpiresInSeconds: number;
  sessionId: string;
  endpointId: string;
  owner: TokenOwner;
}

export type AccessTokenCheck = { ok: true; owner: TokenOwner } | { ok: false; reason: "unknown" | "expired" };

export type RefreshResult = { ok: true; tokens: IssuedTokens } | { ok: false; reason: "unknown" | "expired" };

interface Session {
  id: string;
  owner: TokenOwner;
  endpointId: string;
  revoked: boolean;
}

interface TokenEntry {
  session: Session;
  expiresAt: number;
  /** An access token replaced by a refresh, or a refresh token already used. */
  dead: boolean;
}

/** RingCentral's minimum access-token TTL (spec: 600..3600), relaxed when the emulator grants less. */
const MIN_ACCESS_TTL_SECONDS = 600;
const MIN_REFRESH_TTL_SECONDS = 3_600;

/**
 * OAuth sessions and their tokens. Refresh tokens rotate and are single-use; a refresh kills the session's
 * previous access token at once; a revoke kills the whole session. The push module authenticates WebSocket
 * and subscription calls with `checkAccessToken`.
 */
export class TokenStore {
  private readonly accessTokens = new Map<string, TokenEntry>();
  private readonly refreshTokens = new Map<string, TokenEntry>();

  constructor(private readonly options: TokenStoreOptions) {}

  /** Starts a session (jwt-bearer grant) and issues its first pair. TTL requests are clamped, never refused. */
  issue(owner: TokenOwner, request: TtlRequest = {}): IssuedTokens {
    const session: Session = {
      id: randomUUID(),
      owner,
      endpointId: request.endpointId ?? token(12),
      revoked: false,
    };
    return this.issuePair(session, request);
  }

  /** Exchanges a refresh token of `clientId` for a new pair; the old refresh token is then refused. */
  refresh(refreshToken: string, clientId: string, request: TtlRequest = {}): RefreshResult {
    const entry = this.refreshTokens.get(refreshToken);
    if (!entry || entry.dead || entry.session.revoked || entry.session.owner.clientId !== clientId) {
      return { ok: false, reason: "unknown" };
    }
    if (entry.expiresAt <= this.nowMs()) return { ok: false, reason: "expired" };
    entry.dead = true;
    for (const access of this.accessTokens.values()) {
      if (access.session === entry.session) access.dead = true;
    }
    return { ok: true, tokens: this.issuePair(entry.session, request) };
  }

  /** Kills the session that `anyToken` (access or refresh) belongs to. Unknown tokens are ignored (RFC 7009). */
  revoke(anyToken: string): TokenOwner | undefined {
    const entry = this.accessTokens.get(anyToken) ?? this.refreshTokens.get(anyToken);
    if (!entry) return undefined;
    entry.session.revoked = true;
    return entry.session.owner;
  }

  /** Says why a bearer token is refused, or whom it speaks for. */
  checkAccessToken(accessToken: string): AccessTokenCheck {
    const entry = this.accessTokens.get(accessToken);
    if (!entry || entry.session.revoked || entry.dead) return { ok: false, reason: "unknown" };
    if (entry.expiresAt <= this.nowMs()) return { ok: false, reason: "expired" };
    return { ok: true, owner: entry.session.owner };
  }

  /** Makes every access token issued so far expire now; refresh tokens stay valid. */
  expireAccessTokens(): void {
    const now = this.nowMs();
    for (const entry of this.accessTokens.values()) entry.expiresAt = Math.min(entry.expiresAt, now);
  }

  private issuePair(session: Session, request: TtlRequest): IssuedTokens {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.options;
    const expiresInSeconds = clampTtl(request.accessTokenTtl, MIN_ACCESS_TTL_SECONDS, accessTokenTtlSeconds);
    const refreshExpiresInSeconds = clampTtl(request.refreshTokenTtl, MIN_REFRESH_TTL_SECONDS, refreshTokenTtlSeconds);
    const now = this.nowMs();
    const accessToken = token(32);
    const refreshToken = token(32);
    this.accessTokens.set(accessToken, { session, expiresAt: now + expiresInSeconds * 1000, dead: false });
    this.refreshTokens.set(refreshToken, { session, expiresAt: now + refreshExpiresInSeconds * 1000, dead: false });
    return {
      accessToken,
      refreshToken,
      expiresInSeconds,
      refreshExpiresInSeconds,
      sessionId: session.id,
      endpointId: session.endpointId,
      owner: session.owner,
    };
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }
}

/** TTLs and endpoint id as the token request asked for them (form values, possibly `NaN` or garbage). */
export interface TtlRequest {
  accessTokenTtl?: string;
  refreshTokenTtl?: string;
  endpointId?: string;
}

/**
 * The emulator's configured TTL is the ceiling. A requested TTL that is not a positive integer (the SDK sends
 * `NaN` when it has none) falls back to the ceiling; valid ones are clamped into [min, ceiling].
 */
function clampTtl(requested: string | undefined, min: number, ceiling: number): number {
  const value = Number(requested);
  if (requested === undefined || requested === "" || !Number.isInteger(value) || value <= 0) return ceiling;
  return Math.min(ceiling, Math.max(Math.min(min, ceiling), value));
}

function token(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}
