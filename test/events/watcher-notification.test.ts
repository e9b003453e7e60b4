import { describe, expect, it } from "vitest";
import type { Extension } from "../../src/domain/directory.js";
import { diffExtensions, mergeChanges } from "../../src/events/capacity-watcher-diff.js";
import { parseExtensionListBody } from "../../src/events/extension-list-event.js";

describe("parseExtensionListBody", () => {
  it.each([
    [
      "the extensions[] array (docs, widgets, emulator)",
      {
        extensions: [
          { extensionId: "74953947939", eventType: "Delete" },
          { extensionId: "8798797945", eventType: "Create" },
          { extensionId: "8475874957", eventType: "Update", hints: ["ExtensionInfo", "CompanyNumbers"] },
        ],
      },
      [
        { extensionRcId: "74953947939", kind: "DELETED" },
        { extensionRcId: "8798797945", kind: "CREATED" },
        { extensionRcId: "8475874957", kind: "UPDATED" },
      ],
    ],
    [
      "the flat spec shape",
      { extensionId: "8798797945", eventType: "Create", ownerId: "1500723004" },
      [{ extensionRcId: "8798797945", kind: "CREATED" }],
    ],
    [
      "a numeric extension id",
      { extensionId: 8798797945, eventType: "Update" },
      [{ extensionRcId: "8798797945", kind: "UPDATED" }],
    ],
    [
      "the last change of an extension named twice",
      {
        extensions: [
          { extensionId: "1", eventType: "Create" },
          { extensionId: "1", eventType: "Delete" },
        ],
      },
      [{ extensionRcId: "1", kind: "DELETED" }],
    ],
    [
      "only the entries it understands",
      {
        extensions: [
          { extensionId: "1", eventType: "Renamed" },
          { extensionId: "../2", eventType: "Create" },
          null,
          { extensionId: "3", eventType: "Delete" },
        ],
      },
      [{ extensionRcId: "3", kind: "DELETED" }],
    ],
  ])("reads %s", (_name, body, expected) => {
    expect(parseExtensionListBody(body)?.changes).toEqual(expected);
  });

  it.each([
    [
      "an update of contact fields",
      { extensionId: "1", eventType: "Update", hints: ["ExtensionInfo"] },
      ["extensions"],
    ],
    [
      "a number (un)assigned",
      { extensions: [{ extensionId: "1", eventType: "Update", hints: ["CompanyNumbers"] }] },
      ["extensions", "phoneNumbers"],
    ],
    ["a user created", { extensions: [{ extensionId: "1", eventType: "Create" }] }, ["extensions", "phoneNumbers"]],
    ["a user deleted", { extensionId: "1", eventType: "Delete" }, ["extensions", "phoneNumbers"]],
    [
      "a plan change on the admin extension",
      { extensions: [{ extensionId: "1", eventType: "Update", hints: ["AccountSettings"] }] },
      ["extensions", "account"],
    ],
  ])("says what to re-read after %s", (_name, body, expected) => {
    expect(parseExtensionListBody(body)?.affects).toEqual(expected);
  });

  it.each([
    ["null", null],
    ["a string", "changed"],
    ["an object of another event", { contacts: [{ id: "1", eventType: "Create" }] }],
    ["a flat body with an unknown event type", { extensionId: "1", eventType: "Moved" }],
    ["an array", [{ extensionId: "1", eventType: "Create" }]],
  ])("returns null for %s", (_name, body) => {
    expect(parseExtensionListBody(body)).toBeNull();
  });
});

describe("diffExtensions", () => {
  const ext = (rcId: string, fields: Partial<Extension> = {}): Extension => ({
    rcId,
    extensionNumber: "101",
    type: "User",
    status: "Enabled",
    name: "A",
    firstName: "A",
    lastName: null,
    email: `${rcId}@example.com`,
    department: null,
    createdAt: null,
    ...fields,
  });

  it("finds created, updated and deleted extensions", () => {
    const before = [ext("1"), ext("2"), ext("3")];
    const after = [ext("1"), ext("2", { status: "Disabled" }), ext("4")];
    expect(diffExtensions(before, after)).toEqual([
      { extensionRcId: "2", kind: "UPDATED" },
      { extensionRcId: "4", kind: "CREATED" },
      { extensionRcId: "3", kind: "DELETED" },
    ]);
  });

  it("finds nothing between equal reads", () => {
    expect(diffExtensions([ext("1")], [ext("1")])).toEqual([]);
  });

  it("lets a reported change win over an observed one for the same extension", () => {
    expect(
      mergeChanges(
        [{ extensionRcId: "2", kind: "UPDATED" }],
        [
          { extensionRcId: "2", kind: "CREATED" },
          { extensionRcId: "5", kind: "DELETED" },
        ],
      ),
    ).toEqual([
      { extensionRcId: "2", kind: "UPDATED" },
      { extensionRcId: "5", kind: "DELETED" },
    ]);
  });
});
