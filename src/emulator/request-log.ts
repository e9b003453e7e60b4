import type { ThrottlingGroup } from "./rate-limiter.js";

export interface RequestLogEntry {
  /** ISO time the request arrived (the emulator's clock). */
  at: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without the leading `?`; empty when there is none. */
  query: string;
  /** The spec's operationId, `emulatorControl` for `/emulator/*`, or `unknown` for unrouted paths. */
  operationId: string;
  /** The account the request acted on (after resolving `~`), when known. */
  accountId?: string;
  /** HTTP status sent; 0 when the connection was reset without a response. */
  status: number;
  group?: ThrottlingGroup;
  /** Parsed JSON body actually sent; undefined for empty bodies and for `/emulator/*` controls. */
  responseBody?: unknown;
}

export interface RequestLog {
  readonly entries: readonly RequestLogEntry[];
  /** Counts entries, optionally of one operationId and matching every given filter field. */
  count(operationId?: string, filter?: { accountId?: string; status?: number }): number;
  clear(): void;
}

export class MemoryRequestLog implements RequestLog {
  private readonly list: RequestLogEntry[] = [];

  get entries(): readonly RequestLogEntry[] {
    return this.list;
  }

  add(entry: RequestLogEntry): void {
    this.list.push(entry);
  }

  count(operationId?: string, filter: { accountId?: string; status?: number } = {}): number {
    return this.list.filter(
      (e) =>
        (operationId === undefined || e.operationId === operationId) &&
        (filter.accountId === undefined || e.accountId === filter.accountId) &&
        (filter.status === undefined || e.status === filter.status),
    ).length;
  }

  clear(): void {
    this.list.length = 0;
  }
}
