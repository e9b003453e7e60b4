import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { EmulatorContext } from "../context.js";
import { ApiHttpError } from "../errors.js";
import type { ThrottlingGroup } from "../rate-limiter.js";
import type { TokenOwner } from "../tokens.js";
import { errorReply } from "./error-reply.js";
import type { SubscriptionService } from "./subscription-service.js";
import type { SubscriptionStore } from "./subscription-store.js";
import type { WireConnectionDetails, WireNotification, WireWsMeta } from "./wire.js";

/** Path of the WebSocket gateway on the emulator's own http.Server. */
export const WEBSOCKET_PATH = "/ws";
/** `expires_in` of a ws token, in seconds (rc-ex's documented default; it reuses a token for 80% of it). */
export const WS_TOKEN_TTL_SECONDS = 600;

interface WsTokenEntry {
  readonly owner: TokenOwner;
  readonly expiresAtMs: number;
  /** `wsc` tokens of the sessions this token opened: the only ones it may reconnect (recover) for. */
  readonly sessions: Set<string>;
}

interface WsSession {
  readonly id: string;
  readonly socket: WebSocket;
  readonly owner: TokenOwner;
  readonly wscToken: string;
  /** Origin the client reached the emulator at (for subscription `uri`s). */
  readonly origin: string;
}

interface Route {
  readonly operationId: string;
  readonly group: ThrottlingGroup;
  readonly subscriptionId?: string;
}

const SUBSCRIPTION_PATH = /^\/restapi\/v1\.0\/subscription(?:\/([^/?#]+)(\/renew)?)?\/?$/;

/**
 * RingCentral's WebSocket gateway as `@rc-ex/ws` (under `@ringcentral/subscriptions`) speaks it (REFERENCE.md §8.3):
 * JSON-array frames `[meta, body?]`; ConnectionDetails first; `ClientRequest` frames for the subscription API answered
 * with the same `messageId`; `ServerNotification` frames; `Heartbeat` echoed. Session recovery (`&wsc=`) is answered
 * with `recoveryState: "Failed"`, which makes the client subscribe again on the new connection.
 */
export class WebSocketGateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tokens = new Map<string, WsTokenEntry>();
  private readonly sessions = new Map<string, WsSession>();
  /** Shared by all sessions, so a newer session's `wsc` always has a higher sequence than an older one's. */
  private sequence = 0;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly store: SubscriptionStore,
    private readonly service: SubscriptionService,
  ) {}

  /** authWsToken: a ws token for `owner`, valid `WS_TOKEN_TTL_SECONDS`, good for opening one session. */
  issueToken(owner: TokenOwner): { token: string; expiresIn: number } {
    const now = this.ctx.now().getTime();
    for (const [known, entry] of this.tokens) if (entry.expiresAtMs <= now) this.tokens.delete(known);
    const token = randomBytes(24).toString("base64url");
    const expiresAtMs = now + WS_TOKEN_TTL_SECONDS * 1000;
    this.tokens.set(token, { owner, expiresAtMs, sessions: new Set() });
    return { token, expiresIn: WS_TOKEN_TTL_SECONDS };
  }

  /** The http.Server `upgrade` listener; leaves other paths alone. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? "/", "http://emulator");
    if (url.pathname !== WEBSOCKET_PATH) return;
    this.server.handleUpgrade(req, socket, head, (ws) => this.open(ws, req, url));
  };

  /** Writes a ServerNotification; false when the session's socket is not open. */
  send(sessionId: string, notification: WireNotification): boolean {
    const session = this.sessions.get(sessionId);
    if (!session || session.socket.readyState !== session.socket.OPEN) return false;
    this.write(session, { type: "ServerNotification", messageId: randomUUID(), status: 200 }, notification);
    return true;
  }

  /** Closes every connection (close code 1001); their subscriptions end. Returns how many there were. */
  disconnectAll(): number {
    const sessions = [...this.sessions.values()];
    for (const session of sessions) {
      this.end(session);
      session.socket.close(1001, "Disconnected by emulator control");
    }
    return sessions.length;
  }

  close(): void {
    for (const session of this.sessions.values()) session.socket.terminate();
    this.server.close();
  }

  private open(socket: WebSocket, req: IncomingMessage, url: URL): void {
    const accessToken = url.searchParams.get("access_token") ?? "";
    const wsc = url.searchParams.get("wsc") ?? undefined;
    const entry = this.tokens.get(accessToken);
    const usable =
      entry !== undefined &&
      entry.expiresAtMs > this.ctx.now().getTime() &&
      (entry.sessions.size === 0 || (wsc !== undefined && entry.sessions.has(wsc)));
    if (!usable) {
      socket.send(
        JSON.stringify([
          { type: "Error", messageId: randomUUID(), status: 401, headers: { RCRequestId: randomUUID() } },
          { errorCode: "OAU-213", message: "WebSocket access token is unknown, expired or already used" },
        ]),
      );
      socket.close(1008, "Invalid token");
      return;
    }
    const session: WsSession = {
      id: randomUUID(),
      socket,
      owner: entry.owner,
      wscToken: randomBytes(16).toString("base64url"),
      origin: `http://${req.headers.host ?? "127.0.0.1"}`,
    };
    entry.sessions.add(session.wscToken);
    this.sessions.set(session.id, session);
    socket.on("close", () => this.end(session));
    socket.on("message", (data, isBinary) => {
      if (!isBinary) void this.receive(session, data);
    });
    const details: WireConnectionDetails = {
      creationTime: this.ctx.now().toISOString(),
      maxConnectionsPerSession: 50,
      recoveryBufferSize: 100,
      recoveryTimeout: 180,
      idleTimeout: 1800,
      absoluteTimeout: 86400,
      maxActiveRequests: 10,
      // Recovery is not emulated: the client re-creates its subscription on this connection.
      ...(wsc === undefined ? {} : { recoveryState: "Failed" as const }),
    };
    this.write(session, { type: "ConnectionDetails", messageId: randomUUID(), status: 200 }, details);
  }

  private async receive(session: WsSession, data: RawData): Promise<void> {
    let frame: unknown;
    try {
      frame = JSON.parse(rawText(data));
    } catch {
      frame = undefined;
    }
    const meta = Array.isArray(frame) ? (frame[0] as Record<string, unknown> | undefined) : undefined;
    if (typeof meta !== "object" || meta === null || typeof meta["messageId"] !== "string") {
      this.write(
        session,
        { type: "Error", messageId: randomUUID(), status: 400 },
        { errorCode: "CMN-103", message: "JSON can't be parsed." },
      );
      return;
    }
    const messageId = meta["messageId"];
    if (meta["type"] === "Heartbeat") {
      this.write(session, { type: "Heartbeat", messageId, status: 200 });
      return;
    }
    if (meta["type"] !== "ClientRequest") return;
    const method = typeof meta["method"] === "string" ? meta["method"].toUpperCase() : "";
    const path = typeof meta["path"] === "string" ? meta["path"] : "";
    const body: unknown = (frame as unknown[])[1];
    const at = this.ctx.now().toISOString();
    const route = routeOf(method, path);
    let status: number;
    let responseBody: unknown;
    try {
      responseBody = await this.call(session, route, body);
      status = responseBody === undefined ? 204 : 200;
    } catch (error) {
      ({ status, body: responseBody } = errorReply(error));
    }
    if (!this.sessions.has(session.id) || session.socket.readyState !== session.socket.OPEN) {
      // The connection ended while the request ran: its subscription must not outlive it.
      this.end(session);
      return;
    }
    this.ctx.requestLog.add({
      at,
      method,
      path: path.split("?")[0] ?? path,
      query: "",
      operationId: route?.operationId ?? "unknown",
      accountId: session.owner.accountId,
      status,
      ...(route ? { group: route.group } : {}),
      ...(responseBody === undefined ? {} : { responseBody: JSON.parse(JSON.stringify(responseBody)) as unknown }),
    });
    this.write(session, { type: "ClientRequest", messageId, status }, responseBody);
  }

  private async call(session: WsSession, route: Route | undefined, body: unknown): Promise<unknown> {
    const { owner, origin } = session;
    const id = route?.subscriptionId ?? "";
    switch (route?.operationId) {
      case "createSubscription":
        return this.service.create(owner, body, origin, { via: "websocket", sessionId: session.id });
      case "listSubscriptions":
        return this.service.list(owner, origin);
      case "readSubscription":
        return this.service.read(owner, id, origin);
      case "updateSubscription":
        return this.service.update(owner, id, body, origin);
      case "renewSubscription":
        return this.service.renew(owner, id, origin);
      case "deleteSubscription":
        this.service.delete(owner, id);
        return undefined;
      default:
        throw new ApiHttpError(404, "AGW-404", "Resource not found");
    }
  }

  /** Forgets a session and its subscription (no recovery: nothing is kept for a reconnect). */
  private end(session: WsSession): void {
    this.sessions.delete(session.id);
    for (const subscription of this.store.ofSession(session.id)) this.store.delete(subscription.id);
  }

  private write(session: WsSession, meta: Omit<WireWsMeta, "headers" | "wsc">, body?: unknown): void {
    this.sequence += 1;
    const full: WireWsMeta = {
      ...meta,
      headers: { RCRequestId: randomUUID(), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      wsc: { token: session.wscToken, sequence: this.sequence },
    };
    session.socket.send(JSON.stringify(body === undefined ? [full] : [full, body]));
  }
}

function routeOf(method: string, path: string): Route | undefined {
  const match = SUBSCRIPTION_PATH.exec(path.split("?")[0] ?? "");
  if (!match) return undefined;
  const [, subscriptionId, renew] = match;
  if (subscriptionId === undefined) {
    if (method === "POST") return { operationId: "createSubscription", group: "Medium" };
    if (method === "GET") return { operationId: "listSubscriptions", group: "Light" };
    return undefined;
  }
  if (renew !== undefined) {
    return method === "POST" ? { operationId: "renewSubscription", group: "Light", subscriptionId } : undefined;
  }
  if (method === "GET") return { operationId: "readSubscription", group: "Light", subscriptionId };
  if (method === "PUT") return { operationId: "updateSubscription", group: "Medium", subscriptionId };
  if (method === "DELETE") return { operationId: "deleteSubscription", group: "Medium", subscriptionId };
  return undefined;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(data).toString("utf8");
}
