import { LRUCache } from "lru-cache";
import {
  CloseCode,
  handleProtocols,
  makeServer,
  type ConnectionInitMessage,
  type Disposable,
  type ServerOptions,
} from "graphql-ws";
import type { Extra } from "graphql-ws/use/ws";
import type { WebSocket, WebSocketServer } from "ws";
import { describeError, type FieldLogger } from "../field-logger.js";
import { createPayloadSplicer } from "./shared-payloads.js";
import { attachSink, nextMessageWriter } from "./shared-sinks.js";

/** ws sends a Buffer as a binary frame unless told otherwise; graphql-ws messages are text. */
const TEXT_FRAME = { binary: false } as const;

/** Default of `maxBufferedBytes`: hundreds of capacity events a subscriber has not taken. */
const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** The close reason of an internal error: its message stays in the log, where it cannot leak to a client. */
const INTERNAL_ERROR_REASON = "Internal server error";

/** graphql-ws's own `useServer` writes internal errors to the console. */
const consoleLogger: Pick<FieldLogger, "error"> = { error: (fields, message) => console.error(message, fields) };

/**
 * graphql-ws's `useServer` for `ws` (graphql-ws `src/use/ws.ts`, which its docs invite to copy and adjust), tuned
 * for thousands of subscribers of a few shared operations; same arguments, same `Extra`, same protocol (the core is
 * graphql-ws's `makeServer`). Differences:
 * - each `next` payload's JSON is spliced from a per-result cache instead of stringified per subscriber;
 * - `send` hands the frame to the socket without waiting for the write callback, like a plain ws broadcast;
 * - one keep-alive timer for all sockets instead of two timers per socket, pinging a sixteenth of them per tick;
 * - sends do not wait for the previous one to be written, so a socket whose unsent data passes `maxBufferedBytes`
 *   (its client stopped reading) is dropped instead of holding ever more memory;
 * - the raw message buffer is not kept alive by a suspended handler, and equal query strings are one string (graphql-ws
 *   keeps each subscribe message for the subscription's lifetime);
 * - internal errors go to `logger` and never into a close reason (graphql-ws sends their message outside production).
 *
 * @example
 * const executor = createSharedSubscriptionExecutor<Context>({ scopeKeyOf: (ctx) => ctx.caller.tenantId });
 * const documents = createDocumentCache();
 * const wsServer = useSharedServer(
 *   { schema, context, subscribe: executor.subscribe, parse: documents.parse, validate: documents.validate },
 *   new WebSocketServer({ server: httpServer, path: "/graphql" }),
 * );
 */
export function useSharedServer<
  P extends ConnectionInitMessage["payload"] = ConnectionInitMessage["payload"],
  E extends Record<PropertyKey, unknown> = Record<PropertyKey, never>,
>(
  options: ServerOptions<P, Extra & Partial<E>> & { maxBufferedBytes?: number; logger?: Pick<FieldLogger, "error"> },
  ws: WebSocketServer,
  keepAliveMs = 12_000,
): Disposable {
  const logger = options.logger ?? consoleLogger;
  const send = boundedSend(options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES);
  const splicer = options.jsonMessageReplacer === undefined ? createPayloadSplicer() : undefined;
  const server = makeServer<P, Extra & Partial<E>>({
    ...options,
    ...directSinks(options, send),
    ...(splicer === undefined ? {} : { jsonMessageReplacer: splicer.replacer }),
    ...(options.jsonMessageReviver === undefined ? { jsonMessageReviver: createQueryInterner() } : {}),
  });
  const internalError = (error: unknown, where: string): void => {
    logger.error({ error: describeError(error) }, `internal error ${where}`);
  };
  ws.options.handleProtocols = handleProtocols;

  // `on`, not graphql-ws's `once`: a second error event without a listener would crash the process.
  ws.on("error", (error) => {
    internalError(error, "on the WebSocket server");
    for (const client of ws.clients) client.close(CloseCode.InternalServerError, INTERNAL_ERROR_REASON);
  });

  const keepAlive = keepAliveMs > 0 && Number.isFinite(keepAliveMs) ? createKeepAlive(keepAliveMs) : undefined;

  ws.on("connection", (socket, request) => {
    socket.once("error", (error) => {
      internalError(error, "on a WebSocket socket");
      socket.close(CloseCode.InternalServerError, INTERNAL_ERROR_REASON);
    });
    keepAlive?.watch(socket);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          send(socket, splicer === undefined ? data : splicer.splice(data));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on("message", (data) => {
            handle(String(data)).catch((error: unknown) => {
              internalError(error, "while handling a message");
              socket.close(CloseCode.InternalServerError, INTERNAL_ERROR_REASON);
            });
          }),
      },
      { socket, request } as Extra & Partial<E>,
    );
    socket.once("close", (code, reason) => {
      void closed(code, String(reason));
    });
  });

  return {
    dispose: async () => {
      keepAlive?.stop();
      for (const client of ws.clients) client.close(1001, "Going away");
      ws.removeAllListeners();
      await new Promise<void>((resolve, reject) => ws.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Keep-alive slots: each tick pings one slot, so pings go out in small batches instead of all at once. */
const KEEP_ALIVE_SLOTS = 16;

/**
 * Pings every watched socket once per `intervalMs` and terminates one that has not answered the previous ping by
 * then, as graphql-ws's per-socket timers do, with one timer in all.
 */
function createKeepAlive(intervalMs: number): { watch(socket: WebSocket): void; stop(): void } {
  const slots = Array.from({ length: KEEP_ALIVE_SLOTS }, () => new Set<WebSocket>());
  const awaitingPong = new WeakSet<WebSocket>();
  let nextSlot = 0;
  let tick = 0;
  const timer = setInterval(() => {
    for (const socket of slots[tick % KEEP_ALIVE_SLOTS]!) {
      if (awaitingPong.has(socket)) {
        socket.terminate();
        continue;
      }
      awaitingPong.add(socket);
      socket.ping();
    }
    tick += 1;
  }, intervalMs / KEEP_ALIVE_SLOTS);
  timer.unref();
  return {
    watch(socket) {
      const slot = slots[nextSlot % KEEP_ALIVE_SLOTS]!;
      nextSlot += 1;
      slot.add(socket);
      socket.on("pong", () => awaitingPong.delete(socket));
      socket.once("close", () => slot.delete(socket));
    },
    stop: () => clearInterval(timer),
  };
}

/** Distinct query strings interned at most; the least recently used goes first. */
const MAX_INTERNED_QUERIES = 1_000;

/** A `jsonMessageReviver` that makes every `query` equal to an earlier one the same string. */
function createQueryInterner(): (key: string, value: unknown) => unknown {
  const queries = new LRUCache<string, string>({ max: MAX_INTERNED_QUERIES });
  return (key, value) => {
    if (key !== "query" || typeof value !== "string") return value;
    const interned = queries.get(value);
    if (interned !== undefined) return interned;
    queries.set(value, value);
    return value;
  };
}

/**
 * Gives each subscription's context a sink writing `next` messages straight to its socket, byte for byte as
 * graphql-ws would (`{"id":…,"type":"next","payload":…}`), for the shared executor's idle members. Only when the
 * context is a function (a fresh object per subscription) and no `onNext` hook must see each message.
 */
function directSinks<P extends ConnectionInitMessage["payload"], E>(
  options: ServerOptions<P, Extra & Partial<E>>,
  send: BoundedSend,
): Pick<ServerOptions<P, Extra & Partial<E>>, "context"> {
  const context = options.context;
  if (typeof context !== "function" || options.onNext !== undefined) return {};
  return {
    context: async (ctx, id, payload, args) => {
      const value = await context(ctx, id, payload, args);
      const socket = ctx.extra.socket;
      const messageOf = nextMessageWriter(id);
      attachSink(value, (payload) => send(socket, messageOf(payload)));
      return value;
    },
  };
}

/** Sends a text message if the socket is open; false when it was not or has just been dropped as too slow. */
type BoundedSend = (socket: WebSocket, message: string | Buffer) => boolean;

/**
 * `socket.send` for a socket that is not waited on: once more than `maxBufferedBytes` wait to be written, its client
 * has stopped reading, and it is terminated (a close frame could not reach it anyway). Its subscriptions end and the
 * client's reconnect starts from a fresh initial state.
 */
function boundedSend(maxBufferedBytes: number): BoundedSend {
  return (socket, message) => {
    if (socket.readyState !== socket.OPEN) return false;
    socket.send(message, TEXT_FRAME);
    if (socket.bufferedAmount <= maxBufferedBytes) return true;
    socket.terminate();
    return false;
  };
}
