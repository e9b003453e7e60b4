import type { WireServiceInfo } from "../../src/datasources/ringcentral.wire.js";
import { describe, expect, it } from "vitest";
import {
  ESSENTIALS,
  errorBodyOf,
  jsonOf,
  loginAs,
  SANDBOX,
  startEmulator,
  statusOf,
} from "../support/emulator-server.js";

describe("GET /restapi/v1.0/account/{accountId}", () => {
  it("returns the token's account for ~ with numeric ids and the plan", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const account = await (await platform.get("/restapi/v1.0/account/~")).json();
    expect(account).toMatchObject({
      id: 37439510,
      uri: `${emulator.url}/restapi/v1.0/account/37439510`,
      status: "Confirmed",
      operator: { id: 37439511, extensionNumber: "101" },
      serviceInfo: { servicePlan: { id: "8", name: "Developer Sandbox", edition: "Sandbox" } },
    });
  });

  it("accepts the account's own id", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    expect((await platform.get(`/restapi/v1.0/account/${SANDBOX}`)).status).toBe(200);
  });

  it("answers 404 CMN-102 for another account's id", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await errorBodyOf(platform.get(`/restapi/v1.0/account/${ESSENTIALS}`));
    expect(body.errorCode).toBe("CMN-102");
    expect(body.errors?.[0]?.parameterName).toBe("accountId");
  });
});

describe("GET /restapi/v1.0/account/{accountId}/service-info", () => {
  it("carries the service plan, its name and the billing plan", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, ESSENTIALS);
    const info = await (await platform.get("/restapi/v1.0/account/~/service-info")).json();
    expect(info).toMatchObject({
      servicePlanName: "RingEX Essentials",
      servicePlan: { id: "1215", name: "RingEX Essentials", edition: "Essentials" },
      billingPlan: { durationUnit: "Month", type: "Regular" },
      brand: { id: "1210" },
    });
  });

  it("reflects a plan change made through the controls", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, ESSENTIALS);
    emulator.controls.setPlan(ESSENTIALS, { id: "1216", name: "RingEX Standard", edition: "Standard" });
    const info = await jsonOf<WireServiceInfo>(platform.get("/restapi/v1.0/account/~/service-info"));
    expect(info.servicePlan).toEqual({ id: "1216", name: "RingEX Standard", edition: "Standard" });
  });
});

describe("unknown routes", () => {
  it("answer 404 AGW-404 with one error item", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const call = platform.get("/restapi/v1.0/account/~/no-such-thing");
    expect(await statusOf(call)).toBe(404);
    const body = await errorBodyOf(platform.get("/restapi/v1.0/account/~/no-such-thing"));
    expect(body).toMatchObject({ errorCode: "AGW-404", errors: [{ errorCode: "AGW-404" }] });
    expect(emulator.requestLog.count("unknown", { status: 404 })).toBe(2);
  });
});
