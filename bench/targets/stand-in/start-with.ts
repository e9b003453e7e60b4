/**
 * `first`, then everything `rest` yields. `return()` goes straight to `rest`, so a subscriber that leaves while
 * idle releases its pubsub listener at once (an `async function*` would wait for the next event).
 */
export function startWith<T>(first: T, rest: AsyncIterable<T>): AsyncIterableIterator<T> {
  const iterator = rest[Symbol.asyncIterator]();
  let sentFirst = false;
  const stream: AsyncIterableIterator<T> = {
    next() {
      if (sentFirst) return iterator.next();
      sentFirst = true;
      return Promise.resolve({ value: first, done: false });
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}
