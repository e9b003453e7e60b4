import { beforeAll, describe, expect, it } from "vitest";
import { KEYS, startTestServer, type TestServer } from "../support/start-test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const post = (body: string) =>
  fetch(server.httpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${KEYS.partnerOperator}` },
    body,
  });

describe("HTTP transport", () => {
  it("answers an unparseable body with 400 BAD_REQUEST in GraphQL's shape, without a stack trace", async () => {
    const response = await post("{not json");
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }],
    });
    expect(text).not.toMatch(/node_modules|\bat \w/);
  });

  it("refuses a body over 100 KB with 413 BAD_REQUEST", async () => {
    const response = await post(JSON.stringify({ query: `{ viewer { tenantId } } #${"x".repeat(110 * 1024)}` }));
    expect(response.status).toBe(413);
    expect((await response.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
  });

  it("answers unknown paths with a JSON 404", async () => {
    const response = await fetch(`${server.baseUrl}/nowhere`);
    expect(response.status).toBe(404);
    expect((await response.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });
  });

  it("reports liveness and readiness", async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ready", upstream: true, store: true }]);
  });

  it("reports not ready when RingCentral is unreachable", async () => {
    const own = await startTestServer();
    await own.emulator.close();
    const ready = await fetch(`${own.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "unavailable", upstream: false });
  });
});
