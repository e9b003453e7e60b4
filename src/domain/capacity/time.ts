import { InvalidInputError } from "../../errors.js";

/** A moment passed in by the caller: a `Date` or an ISO 8601 string. The domain never reads the clock. */
export type Instant = Date | string;

/**
 * Milliseconds since the epoch of an instant.
 * @throws InvalidInputError naming `field` when the instant is not a valid date-time.
 */
export function toEpochMs(instant: Instant, field: string): number {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new InvalidInputError(field, `${field} must be a valid ISO 8601 date-time`);
  return ms;
}

/** The instant as a normalised ISO 8601 string (UTC, milliseconds), JSON-safe. @throws as `toEpochMs`. */
export function toIsoString(instant: Instant, field: string): string {
  return new Date(toEpochMs(instant, field)).toISOString();
}
