/**
 * The subset of pino's logger the datasource and the stores write to. Fields only: never upstream bodies, stored
 * values, tokens, secrets or connection URLs.
 */
export interface FieldLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const ignore = (): void => undefined;

export const silentLogger: FieldLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** A log-safe description of a failure: the message only, never the stack or attached data. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
