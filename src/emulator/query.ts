import type { Request } from "express";
import { invalidParameter } from "./errors.js";

/** Query parsing with RingCentral's conventions: repeated keys for arrays, empty values mean "not provided". */

/** The request's absolute URL, with its path rewritten to `canonicalPath` (ids resolved, no `~`) when given. */
export function requestUrl(req: Request, origin: string, canonicalPath?: string): URL {
  const url = new URL(req.originalUrl, origin);
  if (canonicalPath !== undefined) url.pathname = canonicalPath;
  return url;
}

/** All non-empty values of a repeated parameter; each must be one of `allowed` (else 400 CMN-101). */
export function enumValues<T extends string>(url: URL, name: string, allowed: readonly T[]): T[] {
  const values = url.searchParams.getAll(name).filter((v) => v !== "");
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) throw invalidParameter(name, value);
  }
  return values as T[];
}

export interface PageRequest {
  page: number;
  perPage: number;
}

/**
 * `page` (1-based, at most 1000 because `EnumeratedPagingModel.page` is capped there) and `perPage`
 * (default 100; values above 1000 are clamped to 1000, as RingCentral's v2 lists do).
 */
export function pageRequest(url: URL): PageRequest {
  return {
    page: positiveInt(url, "page", 1, 1000),
    perPage: Math.min(1000, positiveInt(url, "perPage", 100, Number.MAX_SAFE_INTEGER)),
  };
}

function positiveInt(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) throw invalidParameter(name, raw);
  return value;
}
