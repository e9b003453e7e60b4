import { GraphQLError } from "graphql";
import { MessageType, stringifyMessage, type Message } from "graphql-ws";
import { describe, expect, it } from "vitest";
import { createPayloadSplicer } from "../../src/events/shared-payloads.js";
import { nextMessageWriter, nextPayloadBytes } from "../../src/events/shared-sinks.js";

/** What graphql-ws puts on the wire through the splicer: stringify with its replacer, then splice. */
function wire(splicer: ReturnType<typeof createPayloadSplicer>, message: Message): string {
  return splicer.splice(stringifyMessage(message, splicer.replacer));
}

describe("payload splicer", () => {
  const data = { tick: { value: 1, label: 'a "quoted" \u0000 value' } };

  it("puts the same bytes on the wire as graphql-ws for a shared payload, per subscriber id", () => {
    const splicer = createPayloadSplicer();
    for (const id of ["1", "2", 'x"y']) {
      const message: Message = { id, type: MessageType.Next, payload: { data } };
      expect(wire(splicer, message)).toBe(JSON.stringify(message));
    }
  });

  it("serializes a payload with errors per message", () => {
    const splicer = createPayloadSplicer();
    const message: Message = {
      id: "1",
      type: MessageType.Next,
      payload: { data, errors: [{ message: "boom", extensions: { code: "TICK_FAILED" } }] },
    };
    expect(wire(splicer, message)).toBe(JSON.stringify(message));
  });

  it("leaves other messages alone", () => {
    const splicer = createPayloadSplicer();
    const messages: Message[] = [
      { type: MessageType.ConnectionAck, payload: { payload: "x" } },
      { id: "1", type: MessageType.Error, payload: [{ message: "bad", extensions: { type: "next", payload: 1 } }] },
      { id: "1", type: MessageType.Complete },
    ];
    for (const message of messages) expect(wire(splicer, message)).toBe(JSON.stringify(message));
  });

  it("is not fooled by an id that looks like the placeholder", () => {
    const splicer = createPayloadSplicer();
    const message: Message = { id: "\u0000shared-payload", type: MessageType.Next, payload: { data } };
    expect(wire(splicer, message)).toBe(JSON.stringify(message));
  });

  it("does not reuse a payload's JSON for an unsent message", () => {
    const splicer = createPayloadSplicer();
    stringifyMessage({ id: "1", type: MessageType.Next, payload: { data } }, splicer.replacer);
    const complete: Message = { id: "1", type: MessageType.Complete };
    expect(wire(splicer, complete)).toBe(JSON.stringify(complete));
  });
});

describe("direct sends", () => {
  it("write the bytes graphql-ws would send for a result with data and errors", () => {
    const result = {
      data: { tick: { value: 1 } },
      errors: [new GraphQLError("boom", { path: ["tick"], extensions: { code: "TICK_FAILED" } })],
    };
    // graphql-ws's own `next`: errors formatted with toJSON after the rest of the result, stringified as a message.
    const { errors, ...rest } = result;
    const graphqlWs = stringifyMessage({
      id: 'x"1',
      type: MessageType.Next,
      payload: { ...rest, errors: errors.map((error) => error.toJSON()) },
    });
    expect(nextMessageWriter('x"1')(nextPayloadBytes(result)).toString()).toBe(graphqlWs);
  });
});
