import type { ExecutionResult } from "graphql";

/**
 * Writes one `next` message for one subscription straight to its socket, given the payload's JSON; false when it
 * could not (the socket is gone). Lets a shared result reach thousands of idle subscribers in one synchronous loop
 * instead of one graphql-ws iteration (several promise hops) each.
 */
export type DirectSink = (payloadJson: string) => boolean;

const sinks = new WeakMap<object, DirectSink>();

/** Called by the transport for each subscription's context value (a fresh object per subscription). */
export function attachSink(contextValue: unknown, sink: DirectSink): void {
  if (typeof contextValue === "object" && contextValue !== null) sinks.set(contextValue, sink);
}

export function sinkOf(contextValue: unknown): DirectSink | undefined {
  return typeof contextValue === "object" && contextValue !== null ? sinks.get(contextValue) : undefined;
}

/** The `next` payload's JSON exactly as graphql-ws builds it: data first, errors formatted after. */
export function nextPayloadJson(result: ExecutionResult): string {
  const { errors, ...rest } = result;
  return JSON.stringify({ ...rest, ...(errors ? { errors: errors.map((error) => error.toJSON()) } : {}) });
}

/** The start of a `next` message for subscription `id`, as graphql-ws stringifies it; the payload JSON and `}` follow. */
export function nextMessageHead(id: string): string {
  return `{"id":${JSON.stringify(id)},"type":"next","payload":`;
}
