/** The subset of pino's logger the datasource writes to. Fields only: never upstream bodies, tokens or secrets. */
export interface DataSourceLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const ignore = (): void => undefined;

export const silentLogger: DataSourceLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
