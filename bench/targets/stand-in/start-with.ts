/**
 * `first`, then everything `rest` yields. `return()` goes straight to `rest`, so a subscriber that leaves while
 * idle releases its pubsub listener at once (an `async function*` would wait for the next event).
 */
export function startWith<T>(first: T, rest: AsyncIterable<T>): AsyncIterableIterator<T> {
  const iterator = rest[Symbol.asyncIterator]();
  // Dropped once sent, so an idle subscriber does not keep its initial state alive.
  let pending: { readonly value: T } | undefined = { value: first };
  const stream: AsyncIterableIterator<T> = {
    next() {
      if (pending === undefined) return iterator.next();
      const { value } = pending;
      pending = undefined;
      return Promise.resolve({ value, done: false });
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}
