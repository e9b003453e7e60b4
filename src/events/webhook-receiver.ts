import { isRecord } from "../json.js";
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";

/** Where RingCentral's WebHook deliveries arrive, below the public URL. */
export const WEBHOOK_PATH = "/webhooks/ringcentral";

/** An Extension List notification is a few dozen bytes per changed extension; anything larger is abuse. */
const MAX_BODY_BYTES = 1024 * 1024;
/** RingCentral's handshake tokens are short; a header we echo must stay a plain token. */
const validationTokenPattern = /^[\x21-\x7e]{1,512}$/;

/** A request as Node's HTTP server or express hands it over; express's `body` is used when a parser ran. */
export type WebhookRequest = IncomingMessage & { body?: unknown };

/** Called once a notification passed verification, after its 200 went out. Must not throw. */
export type WebhookNotificationHandler = (accountId: string, notification: Record<string, unknown>) => void;

interface TokenEntry {
  readonly accountId: string;
  readonly digest: Buffer;
}

/**
 * The HTTP end of WebHook push. `handle` answers RingCentral's creation handshake (`Validation-Token` echoed,
 * 200, empty body), and accepts a notification only when its `Verification-Token` header equals the token of the
 * subscription named in its body (compared in constant time): 200 at once, then `onNotification`. Anything else is
 * 403 and goes nowhere. Subscriptions are known from `register` on, or while `expect`ed (a notification may
 * overtake the create call's answer).
 */
export class WebhookReceiver {
  private readonly subscriptions = new Map<string, TokenEntry>();
  private readonly expected = new Set<TokenEntry>();

  constructor(
    private readonly onNotification: WebhookNotificationHandler,
    private readonly logger: Logger,
  ) {}

  /** Accepts notifications carrying `token` for `accountId` until the returned function is called. */
  expect(accountId: string, token: string): () => void {
    const entry = { accountId, digest: digestOf(token) };
    this.expected.add(entry);
    return () => this.expected.delete(entry);
  }

  register(subscriptionId: string, accountId: string, token: string): void {
    this.subscriptions.set(subscriptionId, { accountId, digest: digestOf(token) });
  }

  /** Notifications of `subscriptionId` are refused from now on. */
  forget(subscriptionId: string): void {
    this.subscriptions.delete(subscriptionId);
  }

  /** The request handler to mount at `POST <publicUrl path>/webhooks/ringcentral` (express or `node:http`). */
  readonly handle = (req: WebhookRequest, res: ServerResponse): void => {
    if (req.method !== "POST") {
      answer(res, 405, { Allow: "POST" });
      return;
    }
    const validationToken = req.headers["validation-token"];
    if (validationToken !== undefined) {
      this.answerHandshake(req, res, validationToken);
      return;
    }
    readJson(req).then(
      (body) => this.receive(req, res, body),
      (error: unknown) => {
        const status = error instanceof BodyTooLargeError ? 413 : 400;
        this.logger.warn({ status }, "refused an unreadable RingCentral WebHook request");
        answer(res, status);
      },
    );
  };

  private answerHandshake(req: WebhookRequest, res: ServerResponse, token: string | string[]): void {
    req.resume();
    if (typeof token !== "string" || !validationTokenPattern.test(token)) {
      answer(res, 400);
      return;
    }
    // RingCentral wants 200, the same header, and at most 1024 bytes, within 3 s.
    answer(res, 200, { "Validation-Token": token });
  }

  private receive(req: WebhookRequest, res: ServerResponse, body: unknown): void {
    const subscriptionId = isRecord(body) && typeof body["subscriptionId"] === "string" ? body["subscriptionId"] : null;
    const header = req.headers["verification-token"];
    const entry =
      isRecord(body) && subscriptionId !== null && typeof header === "string"
        ? this.verify(subscriptionId, digestOf(header))
        : undefined;
    if (!entry || !isRecord(body) || subscriptionId === null) {
      this.logger.warn(
        { subscriptionId, hasToken: typeof header === "string" },
        "refused a RingCentral WebHook notification that failed verification",
      );
      answer(res, 403);
      return;
    }
    answer(res, 200);
    setImmediate(() => this.onNotification(entry.accountId, body));
  }

  private verify(subscriptionId: string, digest: Buffer): TokenEntry | undefined {
    const known = this.subscriptions.get(subscriptionId);
    if (known) return timingSafeEqual(known.digest, digest) ? known : undefined;
    for (const entry of this.expected) {
      if (timingSafeEqual(entry.digest, digest)) {
        this.subscriptions.set(subscriptionId, entry);
        return entry;
      }
    }
    return undefined;
  }
}

class BodyTooLargeError extends Error {}

/** Equal-length digests, so that `timingSafeEqual` compares tokens of any length in constant time. */
function digestOf(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": "0", ...headers }).end();
}

async function readJson(req: WebhookRequest): Promise<unknown> {
  if (req.body !== undefined && !Buffer.isBuffer(req.body) && typeof req.body !== "string") return req.body;
  let text: string;
  if (req.body !== undefined) {
    text = req.body.toString();
  } else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString("utf8");
  }
  return JSON.parse(text) as unknown;
}
