import type { Extension } from "../domain/directory.js";
import type { ExtensionChange } from "./account-change-processor.js";

/**
 * What changed between two reads of an account's extensions: `CREATED` for an id only in `after`, `DELETED` for
 * one only in `before`, `UPDATED` for one whose fields differ. Order: `after`'s order, then the deleted ones.
 */
export function diffExtensions(before: readonly Extension[], after: readonly Extension[]): ExtensionChange[] {
  const previous = new Map(before.map((e) => [e.rcId, e]));
  const changes: ExtensionChange[] = [];
  for (const extension of after) {
    const old = previous.get(extension.rcId);
    previous.delete(extension.rcId);
    if (!old) changes.push({ extensionRcId: extension.rcId, kind: "CREATED" });
    else if (!sameExtension(old, extension)) changes.push({ extensionRcId: extension.rcId, kind: "UPDATED" });
  }
  for (const id of previous.keys()) changes.push({ extensionRcId: id, kind: "DELETED" });
  return changes;
}

/**
 * `reported` (what a notification said) plus whatever `observed` (the diff) adds for other extensions. A reported
 * change wins for its extension: an `UPDATED` with hints such as `CompanyNumbers` changes no extension field.
 */
export function mergeChanges(
  reported: readonly ExtensionChange[],
  observed: readonly ExtensionChange[],
): ExtensionChange[] {
  const seen = new Set(reported.map((c) => c.extensionRcId));
  return [...reported, ...observed.filter((c) => !seen.has(c.extensionRcId))];
}

function sameExtension(a: Extension, b: Extension): boolean {
  return (
    (Object.keys(a) as (keyof Extension)[]).every((key) => a[key] === b[key]) &&
    Object.keys(b).length === Object.keys(a).length
  );
}
