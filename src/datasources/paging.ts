import { UpstreamUnavailableError } from "../errors.js";
import type { WireV1List, WireV2List } from "./ringcentral.wire.js";

/** The most records RingCentral returns per page: every list is read in as few calls as possible. */
export const maxPerPage = 1_000;
/** A list longer than this many pages is treated as an upstream fault rather than followed forever. */
const maxPages = 1_000;

/** One page request: a server-relative path plus query. */
export interface PageRequest {
  url: string;
  query?: Record<string, string | number>;
}

/**
 * Reads every page of a v1 list: the first with `perPage=1000`, then `navigation.nextPage` until there is none
 * (or `paging.page`/`totalPages` when a server omits navigation). A next-page link on another origin than
 * `serverUrl` is followed as a path on `serverUrl`, so the token is never sent elsewhere.
 */
export async function readAllV1Pages<T>(
  serverUrl: string,
  first: PageRequest,
  fetchPage: (request: PageRequest) => Promise<WireV1List<T>>,
): Promise<T[]> {
  const firstRequest: PageRequest = { url: first.url, query: { ...first.query, perPage: maxPerPage } };
  const records: T[] = [];
  let request: PageRequest | undefined = firstRequest;
  for (let pages = 0; request !== undefined; pages += 1) {
    if (pages === maxPages) throw new UpstreamUnavailableError("RingCentral returned an endless list");
    const page = await fetchPage(request);
    records.push(...assertRecords(page).records);
    const next = page.navigation?.nextPage?.uri;
    const { page: number, totalPages } = page.paging ?? {};
    if (next !== undefined) request = { url: onServer(next, serverUrl) };
    else if (number !== undefined && totalPages !== undefined && number < totalPages) {
      request = { url: first.url, query: { ...firstRequest.query, page: number + 1 } };
    } else request = undefined;
  }
  return records;
}

/**
 * Reads every page of a v2 list (`page`/`perPage`, no navigation): pages 1..`paging.totalPages`, or until a
 * short page when `totalPages` is missing.
 */
export async function readAllV2Pages<T>(
  first: PageRequest,
  fetchPage: (request: PageRequest) => Promise<WireV2List<T>>,
): Promise<T[]> {
  const records: T[] = [];
  for (let number = 1; ; number += 1) {
    if (number > maxPages) throw new UpstreamUnavailableError("RingCentral returned an endless list");
    const page = assertRecords(
      await fetchPage({ url: first.url, query: { ...first.query, page: number, perPage: maxPerPage } }),
    );
    records.push(...page.records);
    const totalPages = page.paging?.totalPages;
    const more = totalPages !== undefined ? number < totalPages : page.records.length >= maxPerPage;
    if (!more) return records;
  }
}

function onServer(uri: string, serverUrl: string): string {
  const url = new URL(uri, serverUrl);
  return url.origin === new URL(serverUrl).origin ? url.href : `${url.pathname}${url.search}`;
}

function assertRecords<L extends { records: unknown[] }>(page: L): L {
  if (!Array.isArray(page?.records)) throw new UpstreamUnavailableError("RingCentral returned a malformed list");
  return page;
}
