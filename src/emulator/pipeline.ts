import { randomUUID } from "node:crypto";
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import type { EmulatorContext } from "./context.js";
import { ApiHttpError, apiErrorBody, OAuthHttpError, oauthErrorBody, notFound, rateLimited } from "./errors.js";
import type { ThrottlingGroup } from "./rate-limiter.js";
import { EmulatorRuleError } from "./state.js";
import type { TokenOwner } from "./tokens.js";
import { errorReply } from "./push/error-reply.js";

/**
 * The request pipeline every RingCentral route goes through: log → identify the operation → latency and
 * injected faults → authenticate → rate limit → parse the body → handler → RingCentral-style error bodies.
 * The push module mounts its routes with the same `operation(...)` chain.
 */

interface RequestMeta {
  operationId: string;
  group: ThrottlingGroup | undefined;
  accountId: string | undefined;
  owner: TokenOwner | undefined;
  responseBody: unknown;
  isControl: boolean;
}

const metas = new WeakMap<Response, RequestMeta>();

function meta(res: Response): RequestMeta {
  let found = metas.get(res);
  if (!found) {
    found = {
      operationId: "unknown",
      group: undefined,
      accountId: undefined,
      owner: undefined,
      responseBody: undefined,
      isControl: false,
    };
    metas.set(res, found);
  }
  return found;
}

/** The token owner of an authenticated request (set by `operation(..., { auth: "bearer" })`). */
export function ownerOf(res: Response): TokenOwner {
  const owner = meta(res).owner;
  if (!owner) throw new Error("ownerOf() called on a route without bearer authentication");
  return owner;
}

/** Records the account a request acted on, for the request log. */
export function noteAccount(res: Response, accountId: string): void {
  meta(res).accountId = accountId;
}

/** Marks a request as an `/emulator` control: logged as `emulatorControl`, without its body. */
export const controlRequest: RequestHandler = (_req, res, next) => {
  const m = meta(res);
  m.operationId = "emulatorControl";
  m.isControl = true;
  next();
};

/** Logs every request once its response is finished (status 0 when the socket was reset instead). */
export function logRequests(ctx: EmulatorContext): RequestHandler {
  return (req, res, next) => {
    const at = ctx.now().toISOString();
    const m = meta(res);
    const [path = "", query = ""] = req.originalUrl.split(/\?(.*)/s);
    res.setHeader("RCRequestId", randomUUID());
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      // Control responses are not logged with their body (they would copy the log into itself).
      if (!m.isControl) m.responseBody = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
      return json(body);
    };
    let logged = false;
    const log = (status: number) => {
      if (logged) return;
      logged = true;
      ctx.requestLog.add({
        at,
        method: req.method,
        path,
        query,
        operationId: m.operationId,
        ...(m.accountId === undefined ? {} : { accountId: m.accountId }),
        status,
        ...(m.group === undefined ? {} : { group: m.group }),
        ...(m.responseBody === undefined ? {} : { responseBody: m.responseBody }),
      });
    };
    res.on("finish", () => log(res.statusCode));
    res.on("close", () => log(res.writableFinished ? res.statusCode : 0));
    next();
  };
}

export interface OperationOptions {
  /** `bearer`: an API call with an access token; `client`: an OAuth call, rate-limited per app. */
  auth: "bearer" | "client";
}

/** The middleware chain for one RingCentral operation; put the route's handler after it. */
export function operation(
  ctx: EmulatorContext,
  operationId: string,
  group: ThrottlingGroup,
  options: OperationOptions = { auth: "bearer" },
): RequestHandler[] {
  const identify: RequestHandler = (_req, res, next) => {
    const m = meta(res);
    m.operationId = operationId;
    m.group = group;
    next();
  };
  const bodies = [
    express.json({ type: ["application/json", "application/*+json"] }),
    express.urlencoded({ extended: false }),
  ];
  const chain: RequestHandler[] = [identify, injectFaults(ctx, operationId)];
  if (options.auth === "bearer") {
    chain.push(
      authenticate(ctx),
      rateLimit(ctx, group, (_req, res) => callerKey(ownerOf(res))),
      ...bodies,
    );
  } else {
    chain.push(
      ...bodies,
      rateLimit(ctx, group, (req) => `client:${clientIdOf(req) ?? req.ip ?? "anonymous"}`),
    );
  }
  return chain;
}

function callerKey(owner: TokenOwner): string {
  return `${owner.accountId}:${owner.extensionId}|${owner.clientId}`;
}

function injectFaults(ctx: EmulatorContext, operationId: string): RequestHandler {
  return async (req, res, next) => {
    if (ctx.faults.latencyMs > 0) delayResponse(res, ctx.faults.latencyMs);
    const fault = ctx.faults.take(operationId);
    if (!fault) return next();
    switch (fault.kind) {
      case "reset":
        req.socket.destroy();
        return;
      case "fail":
        res.status(fault.status).json(apiErrorBody("CMN-201", "Service Temporary Unavailable"));
        return;
      case "rateLimit":
        return next(rateLimited(fault.retryAfterSeconds));
    }
  };
}

/**
 * Latency delays the answer, not the work: a client that gives up waiting leaves the change made, as with a slow
 * RingCentral (the case idempotency keys must survive).
 */
function delayResponse(res: Response, ms: number): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    setTimeout(() => end(...args), ms);
    return res;
  }) as Response["end"];
}

function authenticate(ctx: EmulatorContext): RequestHandler {
  return (req, res, next) => {
    const header = req.get("authorization");
    const queryToken = new URL(req.originalUrl, "http://emulator").searchParams.get("access_token");
    let accessToken: string;
    if (header === undefined || header === "") {
      if (!queryToken) return next(new ApiHttpError(401, "AGW-401", "Authorization header is not specified"));
      accessToken = queryToken;
    } else {
      const match = /^bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1]) return next(new ApiHttpError(401, "AGW-402", "Invalid Authorization header"));
      accessToken = match[1];
    }
    const check = ctx.tokens.checkAccessToken(accessToken);
    if (!check.ok) {
      return next(
        check.reason === "expired"
          ? new ApiHttpError(401, "OAU-128", "Access token expired")
          : new ApiHttpError(401, "OAU-213", "Token not found"),
      );
    }
    meta(res).owner = check.owner;
    next();
  };
}

function rateLimit(
  ctx: EmulatorContext,
  group: ThrottlingGroup,
  caller: (req: Request, res: Response) => string,
): RequestHandler {
  return (req, res, next) => {
    const decision = ctx.rateLimiter.take(caller(req, res), group);
    res.setHeader("X-Rate-Limit-Group", group.toLowerCase());
    res.setHeader("X-Rate-Limit-Limit", String(decision.limit));
    res.setHeader("X-Rate-Limit-Remaining", String(decision.remaining));
    res.setHeader("X-Rate-Limit-Window", String(decision.windowSeconds));
    if (!decision.allowed) return next(rateLimited(decision.retryAfterSeconds));
    next();
  };
}

/** The app's client id: from `Authorization: Basic` or, for public apps, the form's `client_id`. */
export function clientIdOf(req: Request): string | undefined {
  return basicCredentials(req)?.clientId ?? formField(req, "client_id");
}

export function basicCredentials(req: Request): { clientId: string; clientSecret: string } | undefined {
  const match = /^basic\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return { clientId: decoded, clientSecret: "" };
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

/** A string field of a parsed form or JSON body; empty strings count as absent. */
export function formField(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Resolves the `accountId` path parameter: `~` and the token's own account id mean the token's account.
 * Any other id, existing or not, is 404 CMN-102: another tenant's account looks exactly like a missing one.
 */
export function resolveAccountId(req: Request, res: Response): string {
  const owner = ownerOf(res);
  const requested = pathParam(req, "accountId");
  if (requested !== "~" && requested !== owner.accountId) throw notFound("accountId");
  noteAccount(res, owner.accountId);
  return owner.accountId;
}

/** A named path parameter as one string ("" when absent). */
export function pathParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === "string" ? value : "";
}

/** Resolves the `extensionId` path parameter; `~` is the token's own extension. */
export function resolveExtensionId(req: Request, res: Response): string {
  const requested = pathParam(req, "extensionId");
  return requested === "~" || requested === "" ? ownerOf(res).extensionId : requested;
}

/** The origin clients reached the emulator at, for absolute `uri` and `navigation` links. */
export function originOf(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "127.0.0.1"}`;
}

/** Unknown route: RingCentral's gateway 404. */
export const unknownRoute: RequestHandler = (_req, res) => {
  res.status(404).json(apiErrorBody("AGW-404", "Resource not found"));
};

/** Renders thrown errors as RingCentral error bodies. */
export const renderErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof ApiHttpError || error instanceof EmulatorRuleError) {
    if (error instanceof ApiHttpError)
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    const { status, body } = errorReply(error);
    res.status(status).json(body);
    return;
  }
  if (error instanceof OAuthHttpError) {
    res.status(error.httpStatus).json(oauthErrorBody(error));
    return;
  }
  const parseError = error as { type?: unknown; status?: unknown };
  if (parseError.type === "entity.parse.failed") {
    res.status(400).json(apiErrorBody("CMN-103", "JSON can't be parsed."));
    return;
  }
  if (typeof parseError.status === "number" && parseError.status >= 400 && parseError.status < 500) {
    res.status(400).json(apiErrorBody("CMN-104", "Cannot parse request"));
    return;
  }
  res.status(500).json(apiErrorBody("CMN-203", "Internal Server Error"));
};
