import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Anything that can hold a secret is redacted by path, so a careless `logger.info({ config })`
 * still prints no credentials.
 */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          "*.clientSecret",
          "*.jwt",
          "*.apiKey",
          "*.authorization",
          "*.access_token",
          "*.refresh_token",
          "config.accounts",
          "req.headers.authorization",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
