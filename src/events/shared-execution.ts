import { createHash } from "node:crypto";
import {
  createSourceEventStream,
  execute as graphqlExecute,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";
import { mapAsyncIterator } from "./shared-iterator.js";

/** Options of {@link createSharedSubscriptionExecutor}. */
export interface SharedSubscriptionExecutorOptions<TContext> {
  /**
   * Everything in the context that a result may depend on, as a string: the tenant id, plus the role if fields are
   * authorized per role. Subscribers whose keys differ never share a result. Required: there is no safe default.
   */
  scopeKeyOf: (contextValue: TContext) => string;
  /** Runs one execution per distinct event and share key; graphql-js `execute` unless replaced (e.g. for tracing). */
  execute?: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
}

/** Counters for tests and metrics. */
export interface SharedExecutionStats {
  /** Source streams currently open (subscribed and not yet returned, finished or failed). */
  readonly activeStreams: number;
  /** Executions run for source events. */
  readonly executions: number;
  /** Source events answered with another subscriber's execution. */
  readonly reused: number;
}

/** The functions to hand to graphql-ws `useServer` / `makeServer`. */
export interface SharedSubscriptionExecutor {
  /**
   * graphql-ws's `subscribe` option: graphql-js `subscribe`, except that an event object delivered to many
   * subscribers is executed once per share key and the same `ExecutionResult` is yielded to all of them.
   * Treat yielded results as read-only: other subscribers hold the same object.
   */
  subscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult, void, void> | ExecutionResult>;
  stats(): SharedExecutionStats;
}

type ResultsByShareKey = Map<string, Promise<ExecutionResult>>;

/**
 * Shares the execution of subscription events between subscribers.
 *
 * Each subscriber keeps its own source stream (`createSourceEventStream`), so the subscription's own `subscribe`
 * and `filter` (tenant scoping, an initial event with the current state) still run per subscriber. Mapping an
 * event to a result is what gets shared: the pubsub hands every local listener the same payload object, so results
 * are cached per payload object (weakly: they go when the event does) and per share key = scope key + operation
 * name + printed document + canonical variables. Execution is assumed to depend on nothing else; per-subscriber
 * context beyond the scope key (request ids, DataLoaders) comes from whichever subscriber executed first.
 *
 * @example
 * const executor = createSharedSubscriptionExecutor<Context>({ scopeKeyOf: (ctx) => ctx.caller.tenantId });
 * useServer({ schema, context, subscribe: executor.subscribe }, wsServer);
 */
export function createSharedSubscriptionExecutor<TContext>(
  options: SharedSubscriptionExecutorOptions<TContext>,
): SharedSubscriptionExecutor {
  const execute = options.execute ?? graphqlExecute;
  const resultsByEvent = new WeakMap<object, ResultsByShareKey>();
  const printedDocuments = new WeakMap<DocumentNode, string>();
  let activeStreams = 0;
  let executions = 0;
  let reused = 0;

  function operationKeyOf(args: ExecutionArgs): string {
    let printed = printedDocuments.get(args.document);
    if (printed === undefined) {
      printed = print(args.document);
      printedDocuments.set(args.document, printed);
    }
    // A digest keeps each subscriber's key small whatever the size of its document and variables.
    return createHash("sha256")
      .update(JSON.stringify([args.operationName ?? null, printed, canonicalJson(args.variableValues ?? {})]))
      .digest("base64");
  }

  function run(args: ExecutionArgs, event: unknown): Promise<ExecutionResult> {
    executions += 1;
    return new Promise((resolve) => resolve(execute({ ...args, rootValue: event })));
  }

  function resultFor(args: ExecutionArgs, shareKey: string, event: unknown): Promise<ExecutionResult> {
    if (typeof event !== "object" || event === null) return run(args, event);
    let byKey = resultsByEvent.get(event);
    if (byKey === undefined) {
      byKey = new Map();
      resultsByEvent.set(event, byKey);
    }
    const existing = byKey.get(shareKey);
    if (existing !== undefined) {
      reused += 1;
      return existing;
    }
    const result = run(args, event);
    byKey.set(shareKey, result);
    return result;
  }

  return {
    async subscribe(args) {
      const stream = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in stream)) return stream;
      const shareKey = `${options.scopeKeyOf(args.contextValue as TContext)}\u0000${operationKeyOf(args)}`;
      activeStreams += 1;
      return mapAsyncIterator(
        stream,
        (event) => resultFor(args, shareKey, event),
        () => {
          activeStreams -= 1;
        },
      );
    },
    stats: () => ({ activeStreams, executions, reused }),
  };
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` share. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested !== null && typeof nested === "object" && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}
