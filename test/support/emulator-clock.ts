/** A hand-driven clock for the emulator's `now` option: time moves only when a test says so. */
export function createClock(start = "2026-01-05T09:00:00.000Z") {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    advance(ms: number): void {
      current += ms;
    },
  };
}
