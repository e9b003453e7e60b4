import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Subscriptions } from "@ringcentral/subscriptions";
import { afterEach } from "vitest";
import { WebSocket } from "ws";
import type { WireNotification } from "../../src/datasources/ringcentral.wire.js";
import type { Emulator } from "../../src/emulator/index.js";
import { sdkFor } from "./emulator-server.js";

/**
 * Push-notification helpers: a WebHook receiver, a `@ringcentral/subscriptions` client and a raw WebSocket client,
 * all closed after each test (before the emulator, whose own afterEach was registered first).
 */

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Values arrive with `push`; `next()` resolves with the oldest one not yet taken, waiting if there is none. */
export class Inbox<T> {
  readonly all: T[] = [];
  private taken = 0;
  private waiters: ((value: T) => void)[] = [];

  push(value: T): void {
    this.all.push(value);
    const waiter = this.waiters.shift();
    if (waiter) {
      this.taken += 1;
      waiter(value);
    }
  }

  next(): Promise<T> {
    if (this.taken < this.all.length) return Promise.resolve(this.all[this.taken++] as T);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * How the receiver answers the creation handshake: `echo` (correct), `wrongToken` (200 with another token),
 * `status503`, or `oversized` (echoes, but with a body over 1024 bytes).
 */
export type HandshakeMode = "echo" | "wrongToken" | "status503" | "oversized";

export interface WebhookReceiver {
  readonly url: string;
  handshake: HandshakeMode;
  /** When true, notifications are never answered (the emulator's request stays open). */
  hangNotifications: boolean;
  readonly handshakes: Inbox<ReceivedRequest>;
  readonly notifications: Inbox<ReceivedRequest & { readonly json: WireNotification }>;
  /** Notification requests whose connection closed before they were answered (hang mode). */
  readonly aborted: Inbox<ReceivedRequest>;
}

/** A WebHook receiver on 127.0.0.1, port 0. */
export async function startWebhookReceiver(path = "/hooks/rc"): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: "",
    handshake: "echo",
    hangNotifications: false,
    handshakes: new Inbox(),
    notifications: new Inbox(),
    aborted: new Inbox(),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      const token = req.headers["validation-token"];
      if (typeof token === "string") {
        receiver.handshakes.push(received);
        answerHandshake(res, token, receiver.handshake);
        return;
      }
      if (receiver.hangNotifications) {
        res.on("close", () => receiver.aborted.push(received));
      } else {
        res.writeHead(200).end();
      }
      receiver.notifications.push({ ...received, json: JSON.parse(received.body) as WireNotification });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  (receiver as { url: string }).url = `http://127.0.0.1:${port}${path}`;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return receiver;
}

function answerHandshake(res: ServerResponse, token: string, mode: HandshakeMode): void {
  switch (mode) {
    case "echo":
      res.writeHead(200, { "Validation-Token": token, "Content-Type": "application/json" }).end();
      return;
    case "wrongToken":
      res.writeHead(200, { "Validation-Token": `${token}-not` }).end();
      return;
    case "status503":
      res.writeHead(503, { "Validation-Token": token }).end();
      return;
    case "oversized":
      res.writeHead(200, { "Validation-Token": token }).end("x".repeat(2_000));
      return;
  }
}

/** The `WsSubscription` that `register()` resolves with (from `@rc-ex/ws`), as far as tests use it. */
export type WsSubscription = Awaited<
  ReturnType<ReturnType<InstanceType<typeof Subscriptions>["createSubscription"]>["register"]>
>;

/** `@rc-ex/ws`'s WebSocketExtension, as far as tests use it (`wse` is typed as a narrower interface). */
interface WebSocketExtensionLike {
  ws?: { readyState: number };
  subscription?: unknown;
  eventEmitter: { once(event: string, listener: (...args: unknown[]) => void): unknown };
  revoke(): Promise<void>;
}

export interface WsClient {
  readonly subscription: WsSubscription;
  readonly notifications: Inbox<WireNotification>;
  /** The client's WebSocket extension (auto-recovery events on `eventEmitter`). */
  readonly extension: WebSocketExtensionLike;
}

/**
 * `new Subscriptions({ sdk }).createSubscription().setEventFilters(filters).register()` with an SDK logged in with the
 * account's JWT (its own cache prefix). After the test the WebSocket extension is revoked (subscription deleted,
 * socket closed, recovery timer stopped).
 */
export async function subscribeOverWebSocket(
  emulator: Emulator,
  accountId: string,
  eventFilters: string[] = ["/restapi/v1.0/account/~/extension"],
): Promise<WsClient> {
  const sdk = sdkFor(emulator, accountId);
  await sdk.platform().login({ jwt: emulator.state.account(accountId).credentials.jwt });
  const notifications = new Inbox<WireNotification>();
  const pending = new Subscriptions({ sdk }).createSubscription().setEventFilters(eventFilters);
  pending.on(pending.events.notification, (event: WireNotification) => notifications.push(event));
  const subscription = await pending.register();
  const extension = subscription.wse as unknown as WebSocketExtensionLike;
  cleanups.push(async () => {
    // A closed socket would make revoke() wait for a DELETE reply that cannot come.
    if (extension.ws?.readyState !== WebSocket.OPEN) extension.subscription = undefined;
    await extension.revoke().catch(() => undefined);
  });
  return { subscription, notifications, extension };
}

export type WsFrame = [Record<string, unknown>, unknown?];

export interface RawWsClient {
  readonly socket: WebSocket;
  readonly frames: Inbox<WsFrame>;
  readonly closed: Promise<number>;
  send(frame: unknown[]): void;
  /** Sends a `ClientRequest` and resolves with the reply carrying the same `messageId`. */
  request(method: string, path: string, body?: unknown): Promise<WsFrame>;
}

/** A bare `ws` client on `url` (a `wstoken` uri plus query), for protocol-level assertions. */
export async function openRawWebSocket(url: string): Promise<RawWsClient> {
  const socket = new WebSocket(url);
  const frames = new Inbox<WsFrame>();
  const replies = new Map<string, (frame: WsFrame) => void>();
  socket.on("message", (data: Buffer) => {
    const frame = JSON.parse(data.toString("utf8")) as WsFrame;
    const waiter = replies.get(String(frame[0]["messageId"]));
    if (waiter) {
      replies.delete(String(frame[0]["messageId"]));
      waiter(frame);
    } else {
      frames.push(frame);
    }
  });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  cleanups.push(async () => {
    socket.terminate();
    await closed;
  });
  let counter = 0;
  return {
    socket,
    frames,
    closed,
    send: (frame) => socket.send(JSON.stringify(frame)),
    request: (method, path, body) => {
      counter += 1;
      const messageId = `test-${counter}`;
      const meta = { type: "ClientRequest", messageId, method, path, headers: {} };
      const reply = new Promise<WsFrame>((resolve) => replies.set(messageId, resolve));
      socket.send(JSON.stringify(body === undefined ? [meta] : [meta, body]));
      return reply;
    },
  };
}
