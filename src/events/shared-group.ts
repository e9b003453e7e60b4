import type { ExecutionResult } from "graphql";
import { SharedMember, stepOf, type Step } from "./shared-member.js";
import { nextPayloadBytes, type DirectSink } from "./shared-sinks.js";

/** Maps a source event to its (shared) result. */
export type ResultOf = (event: unknown) => Promise<ExecutionResult>;

/** Counts the group reports to the executor's stats. */
export interface GroupCounters {
  sourceStreams: number;
  subscribers: number;
}

/** Events a joiner remembers from its own stream, to meet the group's stream at one of them. */
const SEEN_LIMIT = 16;
/** Group events kept for a joiner whose own stream is behind the group's when they meet. */
const RECENT_LIMIT = 64;

interface Subscriber {
  readonly member: SharedMember;
  /** Writes straight to the subscriber's socket while it is idle; absent when the transport offers none. */
  readonly sink: DirectSink | undefined;
  /** The subscriber's own source stream, until it is handed over to the group's. */
  own: AsyncIterator<unknown> | undefined;
  /** Receives the group's events numbered above this; `undefined` while it reads its own stream. */
  after: number | undefined;
  /**
   * While on its own stream: the last events it delivered from it, weakly (its initial events are its alone and
   * should not outlive their delivery; an event the group has yet to dispatch is held by the group's stream).
   */
  seen: WeakRef<object>[];
  /** After a hand-over: group events it already delivered from its own stream (its stream was ahead). */
  skip: Set<object> | undefined;
}

interface Dispatched {
  readonly sequence: number;
  readonly step: Promise<Step>;
}

/**
 * Subscribers with the same share key, reading one source stream: the founder's. Every event of it is executed once
 * and pushed to every member, which is what makes an event cost one execution plus N sends.
 *
 * A subscriber that joins later reads its own source stream first, so whatever its stream starts with (its initial
 * events, live events buffered while they were read) reaches it alone and in its order. The pubsub hands every
 * listener the same event object, so the first event both streams yield tells where they meet: the subscriber's own
 * stream is then returned (releasing its pubsub listener) and it takes the group's events after that one. Until an
 * event is shared, a joiner costs what an unshared subscriber does.
 */
export class SubscriptionGroup {
  private readonly subscribers = new Set<Subscriber>();
  private readonly sequenceOf = new WeakMap<object, number>();
  private readonly recent: Dispatched[] = [];
  /** Events the group's stream has yielded. */
  private sequence = 0;
  private closed = false;
  /** Group events are delivered in dispatch order, each once its execution has finished. */
  private delivery: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly resultOf: ResultOf,
    private readonly counters: GroupCounters,
    /** Runs when the last member leaves or the source ends; the group is then unusable. */
    private readonly onClosed: () => void,
  ) {
    counters.sourceStreams += 1;
  }

  /** The founder: its stream is the group's, so it gets every event from the start, initial ones included. */
  addFounder(sink?: DirectSink): SharedMember {
    const subscriber = this.add(undefined, sink);
    subscriber.after = 0;
    void this.pump();
    return subscriber.member;
  }

  /** A later subscriber with its own source stream, read until it meets the group's. */
  addJoiner(own: AsyncIterator<unknown>, resultOf: ResultOf, sink?: DirectSink): SharedMember {
    this.counters.sourceStreams += 1;
    const subscriber = this.add(own, sink);
    this.pumpOwn(subscriber, own, resultOf);
    return subscriber.member;
  }

  private add(own: AsyncIterator<unknown> | undefined, sink: DirectSink | undefined): Subscriber {
    const subscriber: Subscriber = {
      member: new SharedMember(() => this.remove(subscriber)),
      sink,
      own,
      after: undefined,
      seen: [],
      skip: undefined,
    };
    this.subscribers.add(subscriber);
    this.counters.subscribers += 1;
    return subscriber;
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const step = await this.source.next();
        if (this.closed) return;
        if (step.done === true) return this.end(undefined);
        this.dispatch(step.value);
      }
    } catch (error) {
      this.end({ error });
    }
  }

  private dispatch(event: unknown): void {
    this.sequence += 1;
    const sequence = this.sequence;
    const step = stepOf(this.resultOf(event));
    // A failed execution fails the stream it came from, as in graphql-js.
    step.catch((error: unknown) => this.end({ error }));
    const shared = typeof event === "object" && event !== null ? event : undefined;
    if (shared !== undefined) {
      this.sequenceOf.set(shared, sequence);
      this.recent.push({ sequence, step });
      if (this.recent.length > RECENT_LIMIT) this.recent.shift();
    }
    const targets: Subscriber[] = [];
    for (const subscriber of this.subscribers) {
      if (subscriber.after === undefined) {
        const index = shared === undefined ? -1 : subscriber.seen.findIndex((seen) => seen.deref() === shared);
        // Its own stream got here first: it has delivered this event and maybe later ones.
        if (index >= 0) this.handOver(subscriber, sequence, liveTargets(subscriber.seen.slice(index + 1)));
      } else if (sequence > subscriber.after) {
        if (shared !== undefined && subscriber.skip?.delete(shared) === true) continue;
        targets.push(subscriber);
      }
    }
    this.delivery = this.delivery.then(() =>
      step.then(
        (done) => this.deliver(done, targets),
        () => undefined, // `end` has failed the members
      ),
    );
  }

  /**
   * One finished result to its members: idle ones get it written to their sockets in this loop (its JSON encoded
   * once), busy ones in their queues, after what they are still sending.
   */
  private deliver(step: Step, targets: readonly Subscriber[]): void {
    let payload: Buffer | undefined;
    const queued = Promise.resolve(step);
    for (const subscriber of targets) {
      if (!this.subscribers.has(subscriber)) continue;
      const { member, sink } = subscriber;
      if (sink !== undefined && member.idle && step.done !== true && sink((payload ??= nextPayloadBytes(step.value))))
        continue;
      member.push(queued);
    }
  }

  /**
   * Reads the joiner's own stream with promise callbacks rather than an async loop: a suspended async function keeps
   * its last event reachable (and with it the event's result and JSON) for as long as the subscriber stays idle.
   */
  private pumpOwn(subscriber: Subscriber, own: AsyncIterator<unknown>, resultOf: ResultOf): void {
    const fail = (error: unknown): void => {
      if (subscriber.own === own) this.endOwn(subscriber, { error });
    };
    const onStep = (step: IteratorResult<unknown>): void => {
      if (subscriber.own !== own) return;
      if (step.done === true) return this.endOwn(subscriber, undefined);
      const event = step.value;
      subscriber.member.push(
        stepOf(resultOf(event)).catch((error: unknown) => {
          fail(error);
          throw error;
        }),
      );
      if (typeof event === "object" && event !== null) this.meet(subscriber, event);
      if (subscriber.own === own) own.next().then(onStep, fail);
    };
    own.next().then(onStep, fail);
  }

  /** The joiner just delivered `event` from its own stream: hand it over if the group has dispatched it. */
  private meet(subscriber: Subscriber, event: object): void {
    const sequence = this.sequenceOf.get(event);
    const oldest = this.recent[0]?.sequence ?? this.sequence + 1;
    // The group is ahead: catch up from the recent events, unless they no longer reach back to this one.
    if (sequence !== undefined && !this.closed && sequence + 1 >= oldest) {
      this.handOver(subscriber, sequence, undefined);
      for (const { sequence: later, step } of this.recent) if (later > sequence) subscriber.member.push(step);
      return;
    }
    subscriber.seen.push(new WeakRef(event));
    if (subscriber.seen.length > SEEN_LIMIT) subscriber.seen.shift();
  }

  private handOver(subscriber: Subscriber, after: number, skip: Set<object> | undefined): void {
    subscriber.after = after;
    subscriber.skip = skip !== undefined && skip.size > 0 ? skip : undefined;
    subscriber.seen = [];
    this.releaseOwn(subscriber);
  }

  private releaseOwn(subscriber: Subscriber): void {
    const own = subscriber.own;
    if (own === undefined) return;
    subscriber.own = undefined;
    this.counters.sourceStreams -= 1;
    own.return?.().catch(() => undefined);
  }

  /** The subscriber's own stream finished or failed before the hand-over: so does its subscription. */
  private endOwn(subscriber: Subscriber, failure: { readonly error: unknown } | undefined): void {
    subscriber.member.end(failure);
    this.remove(subscriber);
  }

  private remove(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber)) return;
    this.counters.subscribers -= 1;
    this.releaseOwn(subscriber);
    if (this.subscribers.size === 0) this.close();
  }

  /**
   * The group's stream finished or failed: members reading it end after their queued results, and leave now
   * (graphql-ws does not return() a generator whose next() rejected). Members still on their own streams go on.
   */
  private end(failure: { readonly error: unknown } | undefined): void {
    if (this.closed) return;
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.after === undefined) continue;
      subscriber.member.end(failure);
      this.remove(subscriber);
    }
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.recent.length = 0;
    this.counters.sourceStreams -= 1;
    this.onClosed();
    this.source.return?.().catch(() => undefined);
  }
}

function liveTargets(refs: readonly WeakRef<object>[]): Set<object> {
  const targets = new Set<object>();
  for (const ref of refs) {
    const target = ref.deref();
    if (target !== undefined) targets.add(target);
  }
  return targets;
}
