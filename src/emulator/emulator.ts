import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import express, { type Express, type Router } from "express";
import type { EmulatorContext } from "./context.js";
import { createControls, type EmulatorControls } from "./controls.js";
import { FaultInjector } from "./faults.js";
import { logRequests, renderErrors, unknownRoute } from "./pipeline.js";
import { DEFAULT_RATE_LIMITS, RateLimiter, type ThrottlingGroup } from "./rate-limiter.js";
import { MemoryRequestLog, type RequestLog } from "./request-log.js";
import { accountRoutes } from "./routes/account.routes.js";
import { controlRoutes } from "./routes/controls.routes.js";
import { extensionRoutes } from "./routes/extension.routes.js";
import { oauthRoutes } from "./routes/oauth.routes.js";
import { pushMount } from "./push/index.js";
import { phoneNumberRoutes } from "./routes/phone-number.routes.js";
import type { Seed } from "./seed.js";
import { defaultSeed } from "./seeds/default.seed.js";
import { EmulatorState } from "./state.js";
import { TokenStore } from "./tokens.js";

export interface EmulatorOptions {
  /** Accounts to start with; default `defaultSeed`. The seed is copied, never mutated. */
  seed?: Seed;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Requests per window for each throttling group; defaults Light 50, Medium 40, Heavy 10, Auth 5. */
  rateLimits?: Partial<Record<ThrottlingGroup, number>>;
  /** Sliding rate-limit window in ms; default 60_000. */
  rateWindowMs?: number;
  /** Penalty after going over a limit, restarted by every request during it, in ms; default 60_000. */
  penaltyMs?: number;
  /** Access-token lifetime granted (the ceiling for `access_token_ttl`), in seconds; default 3600. */
  accessTokenTtlSeconds?: number;
  /** Refresh-token lifetime granted (the ceiling for `refresh_token_ttl`), in seconds; default 604800. */
  refreshTokenTtlSeconds?: number;
  /** The emulator's clock (token expiry, rate windows, timestamps); default the system clock. */
  now?: () => Date;
}

export interface Emulator {
  /** `http://HOST:PORT`, no trailing slash: the SDK's `server` option. */
  readonly url: string;
  readonly state: EmulatorState;
  readonly controls: EmulatorControls;
  readonly requestLog: RequestLog;
  /** Closes the server and destroys every open socket (WebSockets included). Idempotent. */
  close(): Promise<void>;
}

/**
 * What a module mounted into the emulator (the future `push/` module) gets: the express app, the router
 * that holds the RingCentral routes (mount routes here, so they run before the 404 fallback), the
 * http.Server (for WebSocket `upgrade`s), and the shared context (state, `tokens.checkAccessToken`, rate
 * limiter, request log). `url()` is valid once the server listens.
 */
export interface EmulatorHost {
  readonly app: Express;
  readonly api: Router;
  readonly server: Server;
  readonly context: EmulatorContext;
  readonly controls: EmulatorControls;
  url(): string;
}

/** A module that adds routes or socket handlers to the emulator; run once, before it listens. */
export type EmulatorMount = (host: EmulatorHost) => void | Promise<void>;

/** Starts a RingCentral emulator over HTTP; resolves once it listens. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? (() => new Date());
  const penaltyMs = options.penaltyMs ?? 60_000;
  const context: EmulatorContext = {
    state: new EmulatorState(structuredClone(options.seed ?? defaultSeed), now),
    tokens: new TokenStore({
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3_600,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 604_800,
      now,
    }),
    rateLimiter: new RateLimiter({
      limits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
      windowMs: options.rateWindowMs ?? 60_000,
      penaltyMs,
      now,
    }),
    faults: new FaultInjector(),
    requestLog: new MemoryRequestLog(),
    now,
  };
  const controls = createControls(context, Math.max(1, Math.ceil(penaltyMs / 1000)));

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  const api = express.Router();
  api.use(oauthRoutes(context), accountRoutes(context), extensionRoutes(context), phoneNumberRoutes(context));
  app.use(logRequests(context), controlRoutes(context, controls), api);

  const server = createServer(app);
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  let url = "";
  const host: EmulatorHost = { app, api, server, context, controls, url: () => url };
  // Mount point for src/emulator/push/ (subscriptions, /restapi/oauth/wstoken, WebSocket and WebHook
  // delivery): add its EmulatorMount here. It registers routes on `host.api` with `operation(...)` from
  // pipeline.ts and handles `upgrade` on `host.server`; `state.onExtensionListChange` feeds it events.
  const mounts: EmulatorMount[] = [pushMount];
  for (const mount of mounts) await mount(host);

  app.use(unknownRoute, renderErrors);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  url = urlOf(server.address() as AddressInfo);

  let closing: Promise<void> | undefined;
  return {
    url,
    state: context.state,
    controls,
    requestLog: context.requestLog,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      })),
  };
}

function urlOf(address: AddressInfo): string {
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  const hostname = wildcard ? "127.0.0.1" : address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${hostname}:${address.port}`;
}
