import type { ExecutionResult } from "graphql";

/**
 * Writes one `next` message for one subscription straight to its socket, given the payload's JSON as UTF-8; false
 * when it could not (the socket is gone). Lets a shared result reach thousands of idle subscribers in one
 * synchronous loop instead of one graphql-ws iteration (several promise hops) each.
 */
export type DirectSink = (payload: Buffer) => boolean;

const sinks = new WeakMap<object, DirectSink>();

/** Called by the transport for each subscription's context value (a fresh object per subscription). */
export function attachSink(contextValue: unknown, sink: DirectSink): void {
  if (typeof contextValue === "object" && contextValue !== null) sinks.set(contextValue, sink);
}

export function sinkOf(contextValue: unknown): DirectSink | undefined {
  return typeof contextValue === "object" && contextValue !== null ? sinks.get(contextValue) : undefined;
}

/**
 * The `next` payload's JSON exactly as graphql-ws builds it (data first, errors formatted after), encoded once per
 * result: every subscriber's message then costs a copy of these bytes instead of a UTF-8 encoding of its own.
 */
export function nextPayloadBytes(result: ExecutionResult): Buffer {
  const { errors, ...rest } = result;
  return Buffer.from(JSON.stringify({ ...rest, ...(errors ? { errors: errors.map((error) => error.toJSON()) } : {}) }));
}

const CLOSING_BRACE = 0x7d;

/**
 * Builds subscription `id`'s `next` messages from payload bytes, byte for byte as graphql-ws stringifies them:
 * `{"id":…,"type":"next","payload":` + payload + `}`.
 */
export function nextMessageWriter(id: string): (payload: Buffer) => Buffer {
  const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  return (payload) => {
    const message = Buffer.allocUnsafe(head.length + payload.length + 1);
    head.copy(message, 0);
    payload.copy(message, head.length);
    message[message.length - 1] = CLOSING_BRACE;
    return message;
  };
}
