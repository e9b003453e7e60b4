import { fingerprintOf } from "../json.js";
import {
  createSourceEventStream,
  execute as graphqlExecute,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";
import { SubscriptionGroup, type GroupCounters } from "./shared-group.js";
import { sinkOf } from "./shared-sinks.js";

/** Options of {@link createSharedSubscriptionExecutor}. */
export interface SharedSubscriptionExecutorOptions<TContext> {
  /**
   * Everything in the context that a subscription's events or results may depend on, as a string: the tenant id,
   * plus the role if fields or filters look at it. Subscribers whose keys differ never share a stream or a result.
   * Required: there is no safe default.
   */
  scopeKeyOf: (contextValue: TContext) => string;
  /** Runs one execution per distinct event and share key; graphql-js `execute` unless replaced (e.g. for tracing). */
  execute?: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
}

/** Counters for tests and metrics. */
export interface SharedExecutionStats {
  /** Subscriptions currently open. */
  readonly subscribers: number;
  /** Distinct share keys currently subscribed (one source stream each). */
  readonly groups: number;
  /** Source streams currently open: one per group plus one per subscriber not yet handed over to its group. */
  readonly sourceStreams: number;
  /** Executions run for source events. */
  readonly executions: number;
  /** Source events a subscriber reading its own stream got from another subscriber's execution. */
  readonly reused: number;
}

/** The functions to hand to graphql-ws `useServer` / `makeServer`. */
export interface SharedSubscriptionExecutor {
  /**
   * graphql-ws's `subscribe` option, in place of graphql-js `subscribe`: subscribers with the same share key read one
   * source stream, and each of its events is executed once and the same `ExecutionResult` yielded to all of them.
   * Treat yielded results as read-only: other subscribers hold the same object.
   */
  subscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult, void, void> | ExecutionResult>;
  stats(): SharedExecutionStats;
}

/**
 * Shares subscription work between subscribers of the same operation in the same scope.
 *
 * The share key is the scope key + operation name + printed document + canonical variables. The first subscriber
 * with a key founds a group whose source stream is its own; each event of it is executed once (with the founder's
 * context) and pushed to every member. Every subscriber still runs the subscription's `subscribe` (so authorization,
 * tenant checks and its initial event stay its own) and reads its own source stream until that stream has yielded;
 * then it is handed over to the group's stream (see `SubscriptionGroup`). Events a subscriber reads from its own
 * stream are executed once per payload object and key too (the pubsub hands every listener the same object).
 *
 * Contract: with the same share key, source streams yield the same shared events and results are the same; events
 * that are a subscriber's own (its initial state) come first; filters are synchronous.
 *
 * @example
 * const executor = createSharedSubscriptionExecutor<Context>({ scopeKeyOf: (ctx) => ctx.caller.tenantId });
 * useServer({ schema, context, subscribe: executor.subscribe }, wsServer);
 */
export function createSharedSubscriptionExecutor<TContext>(
  options: SharedSubscriptionExecutorOptions<TContext>,
): SharedSubscriptionExecutor {
  const execute = options.execute ?? graphqlExecute;
  const groups = new Map<string, SubscriptionGroup>();
  const resultsByEvent = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  const printedDocuments = new WeakMap<DocumentNode, string>();
  const counters: GroupCounters = { sourceStreams: 0, subscribers: 0 };
  let executions = 0;
  let reused = 0;

  function operationKeyOf(args: ExecutionArgs): string {
    let printed = printedDocuments.get(args.document);
    if (printed === undefined) {
      printed = print(args.document);
      printedDocuments.set(args.document, printed);
    }
    // A digest keeps each key small whatever the size of the document and variables.
    return fingerprintOf([args.operationName ?? null, printed, args.variableValues ?? {}]);
  }

  function run(args: ExecutionArgs, event: unknown): Promise<ExecutionResult> {
    executions += 1;
    return new Promise((resolve) => resolve(execute({ ...args, rootValue: event })));
  }

  function resultOf(args: ExecutionArgs, shareKey: string, event: unknown): Promise<ExecutionResult> {
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
      const iterator = stream[Symbol.asyncIterator]();
      const ownResultOf = (event: unknown): Promise<ExecutionResult> => resultOf(args, shareKey, event);
      const sink = sinkOf(args.contextValue);
      const group = groups.get(shareKey);
      if (group !== undefined) return group.addJoiner(iterator, ownResultOf, sink);
      const founded = new SubscriptionGroup(iterator, ownResultOf, counters, () => {
        if (groups.get(shareKey) === founded) groups.delete(shareKey);
      });
      groups.set(shareKey, founded);
      return founded.addFounder(sink);
    },
    stats: () => ({
      subscribers: counters.subscribers,
      groups: groups.size,
      sourceStreams: counters.sourceStreams,
      executions,
      reused,
    }),
  };
}
