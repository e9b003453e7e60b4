import { Router, type Request } from "express";
import type { EmulatorContext } from "../context.js";
import { OAuthHttpError } from "../errors.js";
import { basicCredentials, formField, noteAccount, operation } from "../pipeline.js";
import { toTokenInfo } from "../serialize.js";
import type { TtlRequest } from "../tokens.js";

const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** `POST /restapi/oauth/token` (jwt-bearer and refresh_token grants) and `POST /restapi/oauth/revoke`. */
export function oauthRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  router.post("/restapi/oauth/token", ...operation(ctx, "getToken", "Auth", { auth: "client" }), (req, res) => {
    if (!req.is("application/x-www-form-urlencoded")) {
      throw new OAuthHttpError(415, "invalid_request", "OAU-101", "Unsupported Media Type");
    }
    const grantType = required(req, "grant_type");
    const clientId = authenticateClient(ctx, req);
    const ttl: TtlRequest = {
      accessTokenTtl: formField(req, "access_token_ttl"),
      refreshTokenTtl: formField(req, "refresh_token_ttl"),
      endpointId: formField(req, "endpoint_id"),
    };
    if (grantType === JWT_GRANT) {
      const assertion = required(req, "assertion");
      const account = [...ctx.state.accounts.values()].find(
        (a) => a.credentials.jwt === assertion && a.credentials.clientId === clientId,
      );
      if (!account) throw new OAuthHttpError(400, "invalid_grant", "OAU-140", "Invalid resource owner credentials");
      const tokens = ctx.tokens.issue({ accountId: account.id, extensionId: account.adminExtensionId, clientId }, ttl);
      noteAccount(res, account.id);
      res.json(toTokenInfo(tokens));
      return;
    }
    if (grantType === "refresh_token") {
      const result = ctx.tokens.refresh(required(req, "refresh_token"), clientId, ttl);
      if (!result.ok) {
        throw new OAuthHttpError(
          400,
          "invalid_grant",
          "OAU-213",
          result.reason === "expired" ? "Refresh token has expired" : "Token not found",
        );
      }
      noteAccount(res, result.tokens.owner.accountId);
      res.json(toTokenInfo(result.tokens));
      return;
    }
    throw new OAuthHttpError(400, "unauthorized_client", "OAU-251", "Unauthorized for this grant type");
  });

  router.post("/restapi/oauth/revoke", ...operation(ctx, "revokeToken", "Auth", { auth: "client" }), (req, res) => {
    const token = formField(req, "token") ?? new URL(req.originalUrl, "http://emulator").searchParams.get("token");
    if (!token) throw new OAuthHttpError(400, "invalid_request", "OAU-101", "Parameter [token] is not specified");
    const owner = ctx.tokens.revoke(token);
    if (owner) noteAccount(res, owner.accountId);
    res.status(200).end();
  });

  return router;
}

function required(req: Request, name: string): string {
  const value = formField(req, name);
  if (value === undefined)
    throw new OAuthHttpError(400, "invalid_request", "OAU-101", `Parameter [${name}] is not specified`);
  return value;
}

/** `client_secret_basic`: the app must be a seeded account's app, with its secret. Returns the client id. */
function authenticateClient(ctx: EmulatorContext, req: Request): string {
  const credentials = basicCredentials(req);
  if (!credentials) throw new OAuthHttpError(401, "invalid_client", "OAU-123", "Client authentication is required");
  for (const account of ctx.state.accounts.values()) {
    if (
      account.credentials.clientId === credentials.clientId &&
      account.credentials.clientSecret === credentials.clientSecret
    ) {
      return credentials.clientId;
    }
  }
  throw new OAuthHttpError(401, "invalid_client", "OAU-146", "Invalid client credentials");
}
