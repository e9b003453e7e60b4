/**
 * Domain errors. The `code` of each is the public contract (`extensions.code` on the wire): codes never change,
 * classes and messages may. Messages must be safe to show a client: no upstream bodies, tokens or secrets.
 */

export const ErrorCode = {
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  NotFound: "NOT_FOUND",
  BadUserInput: "BAD_USER_INPUT",
  CapacityExhausted: "CAPACITY_EXHAUSTED",
  Conflict: "CONFLICT",
  UpstreamRateLimited: "UPSTREAM_RATE_LIMITED",
  UpstreamUnavailable: "UPSTREAM_UNAVAILABLE",
  InternalServerError: "INTERNAL_SERVER_ERROR",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Extra fields a client may branch on; JSON-safe. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly name = "UnauthenticatedError";
  readonly code = ErrorCode.Unauthenticated;
}

export class ForbiddenError extends DomainError {
  override readonly name = "ForbiddenError";
  readonly code = ErrorCode.Forbidden;
}

export class NotFoundError extends DomainError {
  override readonly name = "NotFoundError";
  readonly code = ErrorCode.NotFound;
}

/** Bad input; `details.field` names the offending argument path. */
export class InvalidInputError extends DomainError {
  override readonly name = "InvalidInputError";
  readonly code = ErrorCode.BadUserInput;
  constructor(field: string, message: string) {
    super(message, { field });
  }
}

export class CapacityExhaustedError extends DomainError {
  override readonly name = "CapacityExhaustedError";
  readonly code = ErrorCode.CapacityExhausted;
}

/** Duplicate email or extension number, or an idempotency key reused with other input. */
export class ConflictError extends DomainError {
  override readonly name = "ConflictError";
  readonly code = ErrorCode.Conflict;
}

export class UpstreamRateLimitedError extends DomainError {
  override readonly name = "UpstreamRateLimitedError";
  readonly code = ErrorCode.UpstreamRateLimited;
  constructor(readonly retryAfterMs: number) {
    super("RingCentral's rate limit is exhausted; retry later", { retryAfterMs });
  }
}

export class UpstreamUnavailableError extends DomainError {
  override readonly name = "UpstreamUnavailableError";
  readonly code = ErrorCode.UpstreamUnavailable;
}

/** Another provisioning call held the account too long; nothing was written, a retry is safe. */
export class AccountBusyError extends DomainError {
  override readonly name = "AccountBusyError";
  readonly code = ErrorCode.UpstreamUnavailable;
  constructor() {
    super("The account is busy with other provisioning; retry shortly", { reason: "ACCOUNT_BUSY" });
  }
}

/** RingCentral refused our own credentials: an operator problem, shown to clients as unavailability. */
export class UpstreamAuthError extends DomainError {
  override readonly name = "UpstreamAuthError";
  readonly code = ErrorCode.UpstreamUnavailable;
}

/** Ends an exhaustive switch: the compiler proves it unreachable, the runtime reports what slipped through. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
