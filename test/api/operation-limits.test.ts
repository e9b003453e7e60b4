import type { Client } from "graphql-ws";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_QUERY_ALIASES, MAX_QUERY_DEPTH } from "../../src/schema/query-limits.js";
import { MAX_SUBSCRIPTIONS_PER_SOCKET } from "../../src/transport/graphql-websocket.js";
import { errorCodes, type GraphQLResponse } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer, type TestServer } from "../support/start-test-server.js";
import { wsClient } from "../support/ws.js";

/** `selection` wrapped in `levels` inline fragments on `type`: depth without a cycle in the schema. */
const nested = (type: string, levels: number, selection: string): string =>
  `${`... on ${type} { `.repeat(levels)}${selection}${" }".repeat(levels)}`;

const capacityChanged = `capacityChanged(accountId: "${SEEDED.sandbox}") { cause }`;

/** POSTs the text as it is (`gql` would parse it first, and refuse a syntax error itself). */
async function query(
  server: TestServer,
  text: string,
  variables?: object,
  operationName?: string,
): Promise<GraphQLResponse<unknown>> {
  const response = await fetch(server.httpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${KEYS.partnerViewer}` },
    body: JSON.stringify({ query: text, variables, operationName }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<unknown>, "status">) };
}

type Outcome = { error: { message: string; extensions?: { code?: string } }[] } | { next: unknown };

/** The first thing the server answers to one subscription: an error, or its first result. */
const firstOutcome = (
  client: Client,
  text: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<Outcome> =>
  new Promise((resolve) => {
    const stop = client.subscribe(
      { query: text, variables, operationName },
      {
        next: (value) => {
          stop();
          resolve({ next: value });
        },
        error: (error) => resolve({ error: error as { message: string }[] }),
        complete: () => undefined,
      },
    );
  });

/** Subscribes and resolves once the first result is in, with the function that ends it; rejects on an error. */
const hold = (client: Client, text: string): Promise<() => void> =>
  new Promise((resolve, reject) => {
    const stop = client.subscribe(
      { query: text },
      { next: () => resolve(stop), error: (error) => reject(new Error(JSON.stringify(error))), complete: () => {} },
    );
  });

const codesOf = (outcome: Outcome): unknown[] =>
  "error" in outcome ? outcome.error.map((e) => e.extensions?.code) : [];

describe("operation limits and malformed operations", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });

  it(`refuses an HTTP operation deeper than ${MAX_QUERY_DEPTH} or with more than ${MAX_QUERY_ALIASES} aliases`, async () => {
    const viewer = "viewer { tenantName }";
    const atLimit = await query(server, `{ ${nested("Query", MAX_QUERY_DEPTH - 2, viewer)} }`);
    expect(atLimit.errors).toBeUndefined();

    const tooDeep = await query(server, `{ ${nested("Query", MAX_QUERY_DEPTH - 1, viewer)} }`);
    expect(errorCodes(tooDeep)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(tooDeep.errors![0]!.message).toBe(
      `Query depth limit of ${MAX_QUERY_DEPTH} exceeded, found ${MAX_QUERY_DEPTH + 1}.`,
    );

    const aliased = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `v${i}: viewer { tenantName }`).join(" ")} }`;
    expect((await query(server, aliased(MAX_QUERY_ALIASES))).errors).toBeUndefined();
    const tooMany = await query(server, aliased(MAX_QUERY_ALIASES + 1));
    expect(errorCodes(tooMany)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(tooMany.errors![0]!.message).toMatch(/^Aliases limit of 30 exceeded/);
  });

  it("refuses an HTTP operation whose cost, with its variables, is over the limit", async () => {
    // account 1 + users 1 + 5,000 × (edge 1 + node 1 + its numbers 1) = 15,002 per copy; the limit is 50,000.
    const users = (alias: string, first: string) =>
      `${alias}: account(id: "${SEEDED.sandbox}") { users(first: ${first}) { edges { node { rcId phoneNumbers { phoneNumber } } } } }`;
    const copies = (count: number, first: string) =>
      `query${first === "$first" ? " ($first: Int)" : ""} { ${Array.from({ length: count }, (_, i) => users(`a${i}`, first)).join(" ")} }`;

    expect((await query(server, copies(3, "5000"))).errors).toBeUndefined();
    const tooCostly = await query(server, copies(4, "5000"));
    expect(tooCostly.status).toBe(400);
    expect(errorCodes(tooCostly)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(tooCostly.errors![0]!.message).toBe("Query cost limit of 50000 exceeded, found 60008.");
    expect(tooCostly.errors![0]!.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });

    // The page size may come in a variable: the cost is the same.
    expect(errorCodes(await query(server, copies(4, "$first"), { first: 5000 }))).toEqual([
      "GRAPHQL_VALIDATION_FAILED",
    ]);
    expect((await query(server, copies(4, "$first"), { first: 100 })).errors).toBeUndefined();

    // `accounts` holds every account the caller sees (two for this tenant): 1 + 2 × (1 + 5,000 × 2) = 20,003 a view.
    const fleet = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `f${i}: accounts { users(first: 5000) { edges { node { rcId } } } }`).join(" ")} }`;
    expect((await query(server, fleet(2))).errors).toBeUndefined();
    expect((await query(server, fleet(3))).errors![0]!.message).toBe(
      "Query cost limit of 50000 exceeded, found 60009.",
    );

    // Fragments that expand past what the counter will walk are refused too, not waved through uncounted.
    const padded = `{ ${users("a0", "5000")} ...B }
      fragment A on Query { ${"__typename ".repeat(100)} }
      fragment B on Query { ${"...A ".repeat(101)} }`;
    const refused = await query(server, padded);
    expect(errorCodes(refused)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(refused.status).toBe(400);
  });

  it("applies the same limits to subscriptions, failing only the offending one", async () => {
    const client = wsClient(server.wsUrl, KEYS.partnerViewer);
    const tooDeep = await firstOutcome(
      client,
      `subscription { ${nested("Subscription", MAX_QUERY_DEPTH - 1, capacityChanged)} }`,
    );
    expect(codesOf(tooDeep)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(await firstOutcome(client, `subscription { ${nested("Subscription", 2, capacityChanged)} }`)).toEqual({
      next: { data: { capacityChanged: { cause: "INITIAL" } } },
    });
  });

  it("answers a subscription that does not parse, validate or bind its variables with the code HTTP gives", async () => {
    let closedWith: number | undefined;
    const client = wsClient(server.wsUrl, KEYS.partnerViewer, (code) => (closedWith = code));
    // Held open throughout, so the client keeps its socket (a lazy client closes it when nothing is subscribed).
    const held = await hold(client, `subscription { ${capacityChanged} }`);
    const expected = [
      ["GRAPHQL_PARSE_FAILED"],
      ["GRAPHQL_VALIDATION_FAILED"],
      ["OPERATION_RESOLUTION_FAILURE"],
      ["BAD_USER_INPUT"],
    ];
    const outcomes = [
      await firstOutcome(client, `subscription { capacityChanged(accountId: `),
      await firstOutcome(client, `subscription { capacityChanged(accountId: "${SEEDED.sandbox}") { nope } }`),
      await firstOutcome(client, `subscription { ${capacityChanged} }`, undefined, "Named"),
      await firstOutcome(client, `subscription ($id: ID!) { capacityChanged(accountId: $id) { cause } }`, {}),
    ];
    expect(outcomes.map(codesOf)).toEqual(expected);
    const http = [
      await query(server, `{ viewer { `),
      await query(server, `{ viewer { nope } }`),
      await query(server, `{ viewer { tenantName } }`, undefined, "Named"),
      await query(server, `query ($id: ID!) { account(id: $id) { name } }`, {}),
    ];
    expect(http.map(errorCodes)).toEqual(expected);

    // The socket and the held subscription lived on: graphql-ws alone closes the socket (4500) at a syntax error.
    expect(await firstOutcome(client, `subscription { ${capacityChanged} }`)).toEqual({
      next: { data: { capacityChanged: { cause: "INITIAL" } } },
    });
    expect(closedWith).toBeUndefined();
    held();
  });

  it(`lets one connection hold ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions at once, and refuses the next`, async () => {
    const client = wsClient(server.wsUrl, KEYS.partnerViewer);
    const stops = await Promise.all(
      Array.from({ length: MAX_SUBSCRIPTIONS_PER_SOCKET }, () => hold(client, `subscription { ${capacityChanged} }`)),
    );
    const refused = await firstOutcome(client, `subscription { ${capacityChanged} }`);
    expect(codesOf(refused)).toEqual(["BAD_REQUEST"]);

    stops.pop()!();
    expect(await firstOutcome(client, `subscription { ${capacityChanged} }`)).toEqual({
      next: { data: { capacityChanged: { cause: "INITIAL" } } },
    });
    for (const stop of stops) stop();
  });

  it("applies the configured cost limit to subscriptions too", async () => {
    // capacityChanged 1 + capacity 1 + remediation 1 = 3; no subscription in this schema comes near the default.
    const strict = await startTestServer({ config: { maxQueryCost: 2 } });
    const client = wsClient(strict.wsUrl, KEYS.partnerViewer);
    const select = (fields: string) => `subscription { capacityChanged(accountId: "${SEEDED.sandbox}") { ${fields} } }`;
    const tooCostly = await firstOutcome(client, select("capacity { remediation { kind } }"));
    expect(tooCostly).toEqual({
      error: [
        { message: "Query cost limit of 2 exceeded, found 3.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } },
      ],
    });
    expect(await firstOutcome(client, select("capacity { used }"))).toEqual({
      next: { data: { capacityChanged: { capacity: { used: 3 } } } },
    });
  });
});
