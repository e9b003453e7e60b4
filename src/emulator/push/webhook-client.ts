import { randomBytes } from "node:crypto";
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/** What a WebHook receiver answered. */
export interface WebhookResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Bytes of the status line's headers (`name: value\r\n` each) plus the body. */
  size: number;
}

export type ValidationResult = { ok: true } | { ok: false; reason: string };

/** RingCentral's handshake budget (REFERENCE.md §8.2): answer within 3 s with at most 1024 bytes. */
export const WEBHOOK_TIMEOUT_MS = 3_000;
const MAX_VALIDATION_RESPONSE_BYTES = 1_024;
export const WEBHOOK_USER_AGENT = "RingCentral-Webhook/8.3";

/**
 * Outgoing POSTs to WebHook receivers, one connection each (no keep-alive, so receivers close cleanly).
 * Every request is aborted by `close()`; requests after it fail at once.
 */
export class WebhookClient {
  private readonly pending = new Set<ClientRequest>();
  private closed = false;

  constructor(private readonly timeoutMs = WEBHOOK_TIMEOUT_MS) {}

  /**
   * The creation handshake: POST with a random `Validation-Token` header and no body. The receiver must answer 200
   * echoing that header, within the timeout, in at most 1024 bytes.
   */
  async validate(address: string): Promise<ValidationResult> {
    const token = randomBytes(24).toString("base64url");
    let response: WebhookResponse;
    try {
      response = await this.post(address, { "Validation-Token": token, "User-Agent": WEBHOOK_USER_AGENT });
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    if (response.status !== 200) return { ok: false, reason: `answered ${response.status}, not 200` };
    if (response.headers["validation-token"] !== token) return { ok: false, reason: "Validation-Token not echoed" };
    if (response.size > MAX_VALIDATION_RESPONSE_BYTES) {
      return { ok: false, reason: `response of ${response.size} bytes is over ${MAX_VALIDATION_RESPONSE_BYTES}` };
    }
    return { ok: true };
  }

  /** POSTs to `address`; rejects on network errors, on the timeout and after `close()`. */
  post(address: string, headers: Record<string, string>, body?: string): Promise<WebhookResponse> {
    if (this.closed) return Promise.reject(new Error("emulator closed"));
    const url = new URL(address);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
    return new Promise<WebhookResponse>((resolve, reject) => {
      const req = send(url, {
        method: "POST",
        agent: false,
        headers: { ...headers, "Content-Length": String(payload?.length ?? 0) },
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending.add(req);
      req.on("close", () => {
        clearTimeout(timer);
        this.pending.delete(req);
      });
      req.on("error", reject);
      req.on("response", (res) => {
        let bodyBytes = 0;
        res.on("data", (chunk: Buffer) => {
          bodyBytes += chunk.length;
        });
        res.on("error", reject);
        res.on("end", () => {
          let headerBytes = 0;
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, size: headerBytes + bodyBytes });
        });
      });
      req.end(payload);
    });
  }

  /** Aborts every request in flight and refuses new ones. */
  close(): void {
    this.closed = true;
    for (const req of this.pending) req.destroy(new Error("emulator closed"));
    this.pending.clear();
  }
}
