import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type FormattedExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { afterAll } from "vitest";
import WebSocket from "ws";

const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

export interface Subscription<TData> {
  /**
   * The next result; rejects when the stream ends or errors before one arrives, or when none arrives within
   * `timeoutMs` (so a missing event fails with a message instead of hanging until the test's own timeout).
   */
  next(timeoutMs?: number): Promise<FormattedExecutionResult<TData, unknown>>;
  close(): Promise<void>;
}

/** A graphql-ws client for `apiKey` (null: no connection params), closed after the file. */
export function wsClient(url: string, apiKey: string | null, onClosed?: (code: number) => void): Client {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: apiKey === null ? undefined : { authorization: `Bearer ${apiKey}` },
    on: { closed: (event) => onClosed?.((event as { code: number }).code) },
  });
  clients.push(client);
  return client;
}

/** Subscribes and hands out results one by one, in order, as the server sends them. */
export function subscribe<TData, TVariables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Subscription<TData> {
  const iterator = client.iterate<TData>({ query: print(document), variables })[Symbol.asyncIterator]();
  return {
    next: async (timeoutMs = 10_000) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no subscription event within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const result = await Promise.race([iterator.next(), timeout]);
        if (result.done) throw new Error("the subscription ended");
        return result.value;
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      await iterator.return?.();
    },
  };
}
