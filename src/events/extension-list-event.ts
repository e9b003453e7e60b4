import type { ExtensionChange } from "./account-change-processor.js";
import type { ExtensionChangeKind } from "./pubsub.js";

const kinds: Readonly<Record<string, ExtensionChangeKind>> = {
  Create: "CREATED",
  Update: "UPDATED",
  Delete: "DELETED",
};

/**
 * The changes an Extension List notification body names (REFERENCE.md §8.4), in either known shape:
 * `{extensions: [{extensionId, eventType}]}` (RingCentral's docs and clients, the emulator) or the flat
 * `{extensionId, eventType}` (the spec's `ExtensionListEventBody`). Entries with an unknown event type or a
 * non-numeric id are skipped. Returns null when the body has neither shape: the caller then knows only that
 * something changed.
 */
export function parseExtensionListBody(body: unknown): ExtensionChange[] | null {
  if (!isRecord(body)) return null;
  if (Array.isArray(body["extensions"])) {
    return dedupe(body["extensions"].flatMap((entry) => changeOf(entry) ?? []));
  }
  if ("extensionId" in body && "eventType" in body) {
    const change = changeOf(body);
    return change ? [change] : null;
  }
  return null;
}

function changeOf(entry: unknown): ExtensionChange | undefined {
  if (!isRecord(entry)) return undefined;
  const id = entry["extensionId"];
  const extensionRcId = typeof id === "number" && Number.isSafeInteger(id) ? String(id) : id;
  const kind = kinds[String(entry["eventType"])];
  if (typeof extensionRcId !== "string" || !/^\d{1,19}$/.test(extensionRcId) || !kind) return undefined;
  return { extensionRcId, kind };
}

/** One change per extension: the last one named wins (a create then a delete in one batch is a delete). */
function dedupe(changes: ExtensionChange[]): ExtensionChange[] {
  const byId = new Map<string, ExtensionChange>();
  for (const change of changes) {
    byId.delete(change.extensionRcId);
    byId.set(change.extensionRcId, change);
  }
  return [...byId.values()];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
