/** What graphql-ws bench subscribers send after connecting. */
export interface SubscriptionRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** `connection_init` payloads; subscriber `i` sends `connectionParams[i % length]` (e.g. one per tenant). */
  readonly connectionParams: readonly Readonly<Record<string, unknown>>[];
}

/**
 * A server under test, running alone in the bench's child process.
 *
 * Contract: right after connecting (and, for graphql-ws, subscribing) every subscriber receives exactly one
 * initial message; after each `trigger` every subscriber receives exactly one more message, byte-identical for all
 * subscribers and different from the previous one. Everything listens on loopback.
 */
export interface BenchTarget {
  /** `ws://127.0.0.1:PORT/...` */
  readonly wsUrl: string;
  /** The graphql-transport-ws subscription to send, or `null` for a plain WebSocket server that pushes on connect. */
  readonly subscription: SubscriptionRequest | null;
  /** Causes change number `change` (1, 2, …). Resolves once it is sent on its way (e.g. the mutation answered). */
  trigger(change: number): Promise<void>;
  /** Counters for the report, e.g. `{ executions }`. */
  stats?(): Readonly<Record<string, number>>;
  /** Stops listening and releases everything. */
  close(): Promise<void>;
}

export interface TargetOptions {
  /** Spread graphql-ws subscribers over this many share scopes (tenants), where the target supports it. */
  readonly scopes: number;
  /**
   * For the reference: pad each message to this many bytes, so it carries as much as the candidates' messages do
   * (the issue compares against "a payload of the same size").
   */
  readonly messageBytes?: number;
}

export type TargetFactory = (options: TargetOptions) => Promise<BenchTarget>;
