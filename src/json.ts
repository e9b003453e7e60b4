import { createHash } from "node:crypto";

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * sha256 (hex) of `value` as canonical JSON: object keys sorted at every depth, array order kept, `undefined`
 * properties dropped and `toJSON` applied, as `JSON.stringify` does. Equal for inputs that only differ in key order.
 * @throws TypeError for values JSON cannot hold (BigInt, cycles).
 */
export function fingerprintOf(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, item: unknown) => (isPlainObject(item) ? sortKeys(item) : item));
  return createHash("sha256")
    .update(canonical ?? "undefined")
    .digest("hex");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return sorted;
}
