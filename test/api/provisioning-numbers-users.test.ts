import { describe, expect, it } from "vitest";
import {
  AccountCapacityDocument,
  AssignPhoneNumberDocument,
  DeleteUserDocument,
  SetCapacityThresholdsDocument,
  UnassignPhoneNumberDocument,
} from "../__generated__/graphql.js";
import { errorCodes, gql } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer } from "../support/start-test-server.js";

describe("assignPhoneNumber and unassignPhoneNumber", () => {
  it("gives an inventory number to a user, then returns it to inventory", async () => {
    const server = await startTestServer();
    const assigned = await gql(server.httpUrl, KEYS.partnerOperator, AssignPhoneNumberDocument, {
      input: { accountId: SEEDED.sandbox, phoneNumberId: "1374395104", userId: "37439513" },
    });
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignPhoneNumber).toMatchObject({
      phoneNumber: { rcId: "1374395104", usageType: "DirectNumber", assigned: true, extension: { rcId: "37439513" } },
      capacity: { phoneNumbers: { inventory: 1, assigned: 3 } },
    });
    const released = await gql(server.httpUrl, KEYS.partnerOperator, UnassignPhoneNumberDocument, {
      input: { accountId: SEEDED.sandbox, phoneNumberId: "1374395104" },
    });
    expect(released.data!.unassignPhoneNumber).toMatchObject({
      phoneNumber: { usageType: "Inventory", assigned: false },
      capacity: { phoneNumbers: { inventory: 2, assigned: 2 } },
    });
    expect(server.emulator.requestLog.count("assignPhoneNumberV2")).toBe(2);
  });

  it("returns BAD_USER_INPUT for a number already assigned", async () => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerOperator, AssignPhoneNumberDocument, {
      input: { accountId: SEEDED.sandbox, phoneNumberId: "1374395102", userId: "37439513" },
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0]!.extensions!["field"]).toBe("input.phoneNumberId");
  });

  it("returns BAD_USER_INPUT when unassigning a number in inventory", async () => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerOperator, UnassignPhoneNumberDocument, {
      input: { accountId: SEEDED.sandbox, phoneNumberId: "1374395104" },
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
  });

  it("returns NOT_FOUND for a user who is not in the account", async () => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerOperator, AssignPhoneNumberDocument, {
      input: { accountId: SEEDED.sandbox, phoneNumberId: "1374395104", userId: "48211231" },
    });
    expect(errorCodes(response)).toEqual(["NOT_FOUND"]);
    expect(server.emulator.requestLog.count("assignPhoneNumberV2")).toBe(0);
  });
});

describe("deleteUser", () => {
  it("removes the seat on a plan-capped account", async () => {
    const server = await startTestServer();
    const { data, errors } = await gql(server.httpUrl, KEYS.partnerOperator, DeleteUserDocument, {
      input: { accountId: SEEDED.sandbox, userId: "37439513" },
    });
    expect(errors).toBeUndefined();
    expect(data!.deleteUser).toMatchObject({ seat: "REMOVED", capacity: { used: 2, unassigned: 0, available: 2 } });
    expect(server.emulator.state.account(SEEDED.sandbox).extensions.has("37439513")).toBe(false);
  });

  it("returns the seat to Unassigned on a licence-bound account", async () => {
    const server = await startTestServer();
    const { data } = await gql(server.httpUrl, KEYS.otherOperator, DeleteUserDocument, {
      input: { accountId: SEEDED.licensed, userId: "59322350" },
    });
    expect(data!.deleteUser).toMatchObject({
      seat: "RETURNED_TO_UNASSIGNED",
      capacity: { limit: 25, used: 19, unassigned: 6, available: 6 },
    });
  });

  it("predicts the seat outcome on a dry run and deletes nothing", async () => {
    const server = await startTestServer();
    const { data } = await gql(server.httpUrl, KEYS.otherOperator, DeleteUserDocument, {
      input: { accountId: SEEDED.licensed, userId: "59322350", dryRun: true },
    });
    expect(data!.deleteUser).toMatchObject({ seat: "RETURNED_TO_UNASSIGNED", dryRun: true, capacity: { used: 20 } });
    expect(server.emulator.requestLog.count("deleteExtension")).toBe(0);
  });

  it("returns NOT_FOUND for an unassigned seat, which is no user", async () => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerOperator, DeleteUserDocument, {
      input: { accountId: SEEDED.essentials, userId: "48211239" },
    });
    expect(errorCodes(response)).toEqual(["NOT_FOUND"]);
  });
});

describe("setCapacityThresholds", () => {
  it("stores the account's thresholds and re-evaluates its level", async () => {
    const server = await startTestServer();
    const { data, errors } = await gql(server.httpUrl, KEYS.partnerOperator, SetCapacityThresholdsDocument, {
      input: { accountId: SEEDED.essentials, warningUtilization: 0.9, criticalUtilization: 0.95, warningSeatsLeft: 1 },
    });
    expect(errors).toBeUndefined();
    expect(data!.setCapacityThresholds).toMatchObject({
      thresholds: { warningUtilization: 0.9, criticalUtilization: 0.95, warningSeatsLeft: 1, criticalSeatsLeft: 1 },
      capacity: { level: "OK" },
    });
    const read = await gql(server.httpUrl, KEYS.partnerViewer, AccountCapacityDocument, { id: SEEDED.essentials });
    expect(read.data!.account.thresholds.warningUtilization).toBe(0.9);
    expect(read.data!.account.capacity.level).toBe("OK");
  });

  it.each([
    [{ warningUtilization: 0.99, criticalUtilization: 0.9 }, "input.criticalUtilization"],
    [{ criticalUtilization: 1.5 }, "input.criticalUtilization"],
    [{ warningSeatsLeft: -1 }, "input.warningSeatsLeft"],
  ])("returns BAD_USER_INPUT for %j", async (patch, field) => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerOperator, SetCapacityThresholdsDocument, {
      input: { accountId: SEEDED.essentials, ...patch },
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0]!.extensions!["field"]).toBe(field);
  });

  it("returns FORBIDDEN to a viewer", async () => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerViewer, SetCapacityThresholdsDocument, {
      input: { accountId: SEEDED.essentials, warningUtilization: 0.5 },
    });
    expect(errorCodes(response)).toEqual(["FORBIDDEN"]);
  });
});
