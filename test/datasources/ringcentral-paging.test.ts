import { afterEach, describe, expect, it } from "vitest";
import { largeAccountId, largeAccountSize, largeSeed } from "../support/fixtures/large-account.js";
import { startHarness, stopHarnesses } from "./support/harness.js";

afterEach(stopHarnesses);

describe("RingCentralDataSource paging", () => {
  it("reads 1,500 users and 1,500 numbers in 2 + 2 list calls plus 1 account call", async () => {
    const { dataSource, calls } = await startHarness({ seed: largeSeed });

    const [account, extensions, numbers] = await Promise.all([
      dataSource.accountInfo(largeAccountId),
      dataSource.extensions(largeAccountId),
      dataSource.phoneNumbers(largeAccountId),
    ]);

    expect(account.value.rcId).toBe(largeAccountId);
    expect(extensions.value).toHaveLength(largeAccountSize);
    expect(new Set(extensions.value.map((e) => e.rcId)).size).toBe(largeAccountSize);
    expect(numbers.value).toHaveLength(largeAccountSize);
    expect(new Set(numbers.value.map((n) => n.rcId)).size).toBe(largeAccountSize);
    expect(calls("listExtensions")).toBe(2);
    expect(calls("listAccountPhoneNumbersV2")).toBe(2);
    expect(calls("readAccountInfo")).toBe(1);
    expect(calls("readExtension")).toBe(0);
  });

  it("asks for 1,000 records per page", async () => {
    const { dataSource, emulator } = await startHarness({ seed: largeSeed });

    await Promise.all([dataSource.extensions(largeAccountId), dataSource.phoneNumbers(largeAccountId)]);

    const lists = emulator.requestLog.entries.filter((e) => e.operationId.startsWith("list"));
    expect(lists).toHaveLength(4);
    for (const entry of lists) expect(new URLSearchParams(entry.query).get("perPage")).toBe("1000");
  });
});
