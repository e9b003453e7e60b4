import type { JSONMessageReplacer } from "graphql-ws";

/** What the replacer puts in place of a `next` payload; JSON escapes the NUL, so it reads `"\u0000…"`. */
const PLACEHOLDER = "\u0000shared-payload";
/** A `next` message is `{"id":…,"type":"next","payload":…}`: the payload is last, so its JSON ends the message. */
const PLACEHOLDER_TAIL = `${JSON.stringify(PLACEHOLDER)}}`;

/** Serializes each shared `next` payload once, however many subscribers it goes to. */
export interface PayloadSplicer {
  /** graphql-ws `jsonMessageReplacer`: swaps a `next` payload for a placeholder and keeps the payload's JSON. */
  readonly replacer: JSONMessageReplacer;
  /** The message to put on the wire: the placeholder swapped back for the payload's JSON. Call it for every message. */
  splice(message: string): string;
}

/**
 * graphql-ws stringifies every `next` message per subscriber (the ids differ). With the shared executor, a payload
 * whose `data` object is shared is the same for every subscriber, so its JSON is kept per `data` object (weakly)
 * and spliced into each subscriber's envelope. Payloads carrying anything besides `data` (errors, extensions) are
 * serialized per message, as graphql-ws would.
 *
 * `splice` must see each message right after it is stringified, which holds because graphql-ws calls
 * `socket.send(stringifyMessage(…))` synchronously.
 */
export function createPayloadSplicer(): PayloadSplicer {
  const serialized = new WeakMap<object, string>();
  let message: unknown;
  let pending: string | undefined;

  function serialize(payload: unknown): string {
    const data = onlyData(payload);
    if (data === undefined) return JSON.stringify(payload);
    let json = serialized.get(data);
    if (json === undefined) {
      json = JSON.stringify(payload);
      serialized.set(data, json);
    }
    return json;
  }

  return {
    replacer(this: unknown, key, value: unknown) {
      if (key === "") message = value;
      if (key !== "payload" || this !== message || (message as { type?: unknown }).type !== "next") return value;
      pending = serialize(value);
      return PLACEHOLDER;
    },
    splice(text) {
      const json = pending;
      pending = undefined;
      message = undefined;
      if (json === undefined || !text.endsWith(PLACEHOLDER_TAIL)) return text;
      return `${text.slice(0, -PLACEHOLDER_TAIL.length)}${json}}`;
    },
  };
}

/** The payload's `data` object when that is all the payload holds. */
function onlyData(payload: unknown): object | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  let data: unknown;
  for (const key in payload) {
    if (key !== "data") return undefined;
    data = (payload as { data: unknown }).data;
  }
  return typeof data === "object" && data !== null ? data : undefined;
}
