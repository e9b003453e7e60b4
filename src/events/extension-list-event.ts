import { isRecord } from "../json.js";
import type { ReadResource } from "../datasources/read-cache.js";
import type { ExtensionChange } from "./account-change-processor.js";
import type { ExtensionChangeKind } from "./pubsub.js";

const kinds: Readonly<Record<string, ExtensionChangeKind>> = {
  Create: "CREATED",
  Update: "UPDATED",
  Delete: "DELETED",
};

/** Update hints that say an extension's numbers moved, or the account itself changed (REFERENCE.md §8.4). */
const numberHints = new Set(["CompanyNumbers"]);
const accountHints = new Set(["AccountSettings", "AccountStatus"]);

/** What an Extension List notification says changed. */
export interface ExtensionListEvent {
  readonly changes: ExtensionChange[];
  /**
   * The cached reads the notification may have made wrong: always the extensions; phone numbers on a create,
   * a delete or a `CompanyNumbers` hint (numbers follow users); the account on `AccountSettings`/`AccountStatus`.
   */
  readonly affects: ReadResource[];
}

/**
 * Reads an Extension List notification body (REFERENCE.md §8.4) in either known shape:
 * `{extensions: [{extensionId, eventType, hints?}]}` (RingCentral's docs and clients, the emulator) or the flat
 * `{extensionId, eventType, hints?}` (the spec's `ExtensionListEventBody`). Entries with an unknown event type or a
 * non-numeric id are skipped. Returns null when the body has neither shape: the caller then knows only that
 * something changed.
 */
export function parseExtensionListBody(body: unknown): ExtensionListEvent | null {
  if (!isRecord(body)) return null;
  let entries: unknown[];
  if (Array.isArray(body["extensions"])) entries = body["extensions"];
  else if ("extensionId" in body && "eventType" in body && kinds[String(body["eventType"])]) entries = [body];
  else return null;

  const byId = new Map<string, ExtensionChange>();
  const affects = new Set<ReadResource>(["extensions"]);
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const change = changeOf(entry);
    if (!change) continue;
    // One change per extension: the last one named wins (a create then a delete in one batch is a delete).
    byId.delete(change.extensionRcId);
    byId.set(change.extensionRcId, change);
    const hints = Array.isArray(entry["hints"]) ? entry["hints"] : [];
    if (change.kind !== "UPDATED" || hints.some((h) => numberHints.has(h as string))) affects.add("phoneNumbers");
    if (hints.some((h) => accountHints.has(h as string))) affects.add("account");
  }
  return { changes: [...byId.values()], affects: [...affects] };
}

function changeOf(entry: Record<string, unknown>): ExtensionChange | undefined {
  const id = entry["extensionId"];
  const extensionRcId = typeof id === "number" && Number.isSafeInteger(id) ? String(id) : id;
  const kind = kinds[String(entry["eventType"])];
  if (typeof extensionRcId !== "string" || !/^\d{1,19}$/.test(extensionRcId) || !kind) return undefined;
  return { extensionRcId, kind };
}
