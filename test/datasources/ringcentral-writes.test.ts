import { afterEach, describe, expect, it } from "vitest";
import { CapacityExhaustedError, ConflictError, InvalidInputError, NotFoundError } from "../../src/errors.js";
import { essentialsId, rejectionOf, sandboxId, startHarness, stopHarnesses } from "./support/harness.js";

afterEach(stopHarnesses);

describe("RingCentralDataSource writes", () => {
  it("creates a user extension and maps it", async () => {
    const { dataSource } = await startHarness();

    const created = await dataSource.createExtension(sandboxId, {
      firstName: "Dee",
      lastName: "Dorsey",
      email: "dee@acme.example",
      extensionNumber: "104",
      department: "Sales",
      status: "Enabled",
    });

    expect(created).toMatchObject({
      extensionNumber: "104",
      type: "User",
      status: "Enabled",
      name: "Dee Dorsey",
      firstName: "Dee",
      lastName: "Dorsey",
      email: "dee@acme.example",
      department: "Sales",
    });
    expect(created.rcId).toMatch(/^\d+$/);
  });

  it("maps a create past the sandbox cap to CapacityExhaustedError", async () => {
    const { dataSource } = await startHarness();
    await dataSource.createExtension(sandboxId, { firstName: "Dee", email: "dee@acme.example" });

    const error = await rejectionOf(
      dataSource.createExtension(sandboxId, { firstName: "Eve", email: "eve@acme.example" }),
    );

    expect(error).toBeInstanceOf(CapacityExhaustedError);
  });

  it("maps a duplicate email to ConflictError naming the field", async () => {
    const { dataSource } = await startHarness();

    const error = await rejectionOf(
      dataSource.createExtension(sandboxId, { firstName: "Ben", email: "ben@acme.example" }),
    );

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details["field"]).toBe("contact.email");
  });

  it("maps a duplicate extension number to ConflictError naming the field", async () => {
    const { dataSource } = await startHarness();

    const error = await rejectionOf(dataSource.updateExtension(sandboxId, "37439513", { extensionNumber: "101" }));

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details["field"]).toBe("extensionNumber");
  });

  it("maps an unknown extension to NotFoundError", async () => {
    const { dataSource } = await startHarness();

    const error = await rejectionOf(dataSource.updateExtension(sandboxId, "99999999", { department: "Ops" }));

    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("refuses a malformed extension id with NotFoundError and no upstream call", async () => {
    const { dataSource, emulator } = await startHarness();

    const error = await rejectionOf(dataSource.deleteExtension(sandboxId, "../../oauth/revoke"));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(emulator.requestLog.entries).toHaveLength(0);
  });

  it("maps an invalid parameter to InvalidInputError naming the field", async () => {
    const { dataSource } = await startHarness();

    const error = await rejectionOf(dataSource.assignPhoneNumber(essentialsId, "1482112305", "48211239"));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).details["field"]).toBe("extension.id");
  });

  it("gives an unassigned seat to a person", async () => {
    const { dataSource } = await startHarness();

    const seated = await dataSource.updateExtension(essentialsId, "48211239", {
      status: "Enabled",
      firstName: "Lu",
      lastName: "Lopez",
      email: "lu@bluebird.example",
    });

    expect(seated).toMatchObject({ rcId: "48211239", status: "Enabled", email: "lu@bluebird.example" });
    expect(seated.extensionNumber).not.toBeNull();
  });

  it("deletes an extension, and its direct number returns to inventory", async () => {
    const { dataSource } = await startHarness();
    await dataSource.phoneNumbers(essentialsId);

    await dataSource.deleteExtension(essentialsId, "48211233");

    const extensions = await dataSource.extensions(essentialsId);
    const numbers = await dataSource.phoneNumbers(essentialsId);
    expect(extensions.value.map((e) => e.rcId)).not.toContain("48211233");
    expect(numbers.value.find((n) => n.rcId === "1482112304")).toMatchObject({
      usageType: "Inventory",
      extensionRcId: null,
    });
  });

  it("assigns a number to an extension and returns it to inventory", async () => {
    const { dataSource } = await startHarness();

    const assigned = await dataSource.assignPhoneNumber(essentialsId, "1482112305", "48211234");
    const returned = await dataSource.assignPhoneNumber(essentialsId, "1482112305", null);

    expect(assigned).toMatchObject({ usageType: "DirectNumber", extensionRcId: "48211234" });
    expect(returned).toMatchObject({ usageType: "Inventory", extensionRcId: null });
  });
});
