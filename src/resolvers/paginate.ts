import { InvalidInputError } from "../errors.js";

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 50;
/** Large enough for a whole account in one round trip (RingCentral sells up to thousands of seats per account). */
export const MAX_PAGE_SIZE = 5_000;

/**
 * Relay cursor pagination over an in-memory list (RingCentral lists are read whole and cached, so slicing here
 * costs no upstream calls). Cursors name the item's key, not its offset, so they survive inserts before them.
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, args: PageArgs): Page<T> {
  for (const field of ["first", "last"] as const) {
    const size = args[field];
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new InvalidInputError(field, `${field} must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  let start = 0;
  let end = items.length;
  if (args.after != null) start = indexOfCursor(items, keyOf, args.after, "after") + 1;
  if (args.before != null) end = indexOfCursor(items, keyOf, args.before, "before");
  end = Math.max(start, end);

  const hasLimits = args.first != null || args.last != null;
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  if (!hasLimits) end = Math.min(end, start + DEFAULT_PAGE_SIZE);

  const edges = items.slice(start, end).map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: items.length,
  };
}

function encodeCursor(key: string): string {
  return Buffer.from(`cursor:${key}`, "utf8").toString("base64url");
}

function indexOfCursor<T>(items: readonly T[], keyOf: (item: T) => string, cursor: string, field: string): number {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const key = decoded.startsWith("cursor:") ? decoded.slice("cursor:".length) : undefined;
  const index = key === undefined ? -1 : items.findIndex((item) => keyOf(item) === key);
  if (index < 0) throw new InvalidInputError(field, `${field} is not a cursor of this list (the item may be gone)`);
  return index;
}
