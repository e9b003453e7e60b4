import { isRecord } from "../json.js";
import {
  CapacityExhaustedError,
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  UpstreamAuthError,
  UpstreamRateLimitedError,
  UpstreamUnavailableError,
} from "../errors.js";

/** The emulator's code for a create refused at the plan cap or licence count (RingCentral documents none). */
const extensionLimitErrorCode = "EMU-LIMIT-001";
/** Used when a 429 carries no `Retry-After`: RingCentral's penalty interval. */
const defaultRetryAfterMs = 60_000;

/** What the datasource knows about a failed upstream call; only ever used to build our own messages. */
export interface FailureContext {
  accountId: string;
  operation: string;
}

/** The fields of an SDK `ApiError` (or any thrown value) that the mapping reads. */
interface SdkFailure {
  response?: { status: number; clone(): { json(): Promise<unknown> } } | null;
  retryAfter?: number;
}

/** What RingCentral's error body says, reduced to codes: messages and values are never kept. */
interface UpstreamRefusal {
  errorCode: string | undefined;
  parameterName: string | undefined;
  licenseLimit: boolean;
}

/** The HTTP status of an SDK failure, or undefined for network errors, timeouts and non-SDK throws. */
export function upstreamStatus(error: unknown): number | undefined {
  const response = (error as SdkFailure | null)?.response;
  return typeof response?.status === "number" ? response.status : undefined;
}

/** `Retry-After` of a 429 in ms, as the SDK computed it. */
export function retryAfterMs(error: unknown): number {
  const retryAfter = (error as SdkFailure | null)?.retryAfter;
  return typeof retryAfter === "number" && Number.isFinite(retryAfter) && retryAfter >= 0
    ? retryAfter
    : defaultRetryAfterMs;
}

/**
 * The one place that turns what the SDK throws into domain errors. Branches on status, `errorCode` and
 * `parameterName` (never on upstream messages), and copies nothing from the upstream body, the request or the
 * SDK's message into the result (nor the SDK error as `cause`: it holds the request's bearer token).
 * - no response (network error, timeout) → `UpstreamUnavailableError`; 429 → `UpstreamRateLimitedError`;
 * - `EMU-LIMIT-001`, or 403 "License limit" (SCIM) → `CapacityExhaustedError`;
 * - `CMN-406` or 409 → `ConflictError` (`details.field` = `parameterName`);
 * - `CMN-101` or other 400 → `InvalidInputError` (field = `parameterName`); 404 / `CMN-102` → `NotFoundError`;
 * - other 401/403 → `UpstreamAuthError` (our credentials or app permissions); anything else → `UpstreamUnavailableError`.
 */
export async function toDomainError(error: unknown, context: FailureContext): Promise<DomainError> {
  if (error instanceof DomainError) return error;
  const status = upstreamStatus(error);
  if (status === undefined) {
    return new UpstreamUnavailableError(`RingCentral did not answer ${context.operation}`, {
      accountId: context.accountId,
      operation: context.operation,
    });
  }
  const refusal = await readRefusal(error as SdkFailure);
  const where = { accountId: context.accountId, operation: context.operation };
  if (status === 429) return new UpstreamRateLimitedError(retryAfterMs(error));
  if (refusal.errorCode === extensionLimitErrorCode || (status === 403 && refusal.licenseLimit)) {
    return new CapacityExhaustedError("RingCentral refused the new user: the account has no seat left", where);
  }
  if (refusal.errorCode === "CMN-406" || status === 409) {
    const field = refusal.parameterName ?? null;
    return new ConflictError(`The value of ${field ?? "a field"} is already in use in RingCentral`, {
      ...where,
      field,
    });
  }
  if (refusal.errorCode === "CMN-101" || status === 400) {
    const field = refusal.parameterName ?? "input";
    return new InvalidInputError(field, `RingCentral rejected the value of ${field}`);
  }
  if (status === 404 || refusal.errorCode === "CMN-102") {
    return new NotFoundError(`RingCentral has no such resource (${context.operation})`, where);
  }
  if (status === 401 || status === 403) {
    return new UpstreamAuthError(`RingCentral refused Headroom's credentials for account ${context.accountId}`, where);
  }
  return new UpstreamUnavailableError(`RingCentral failed ${context.operation} (HTTP ${status})`, {
    ...where,
    status,
  });
}

async function readRefusal(error: SdkFailure): Promise<UpstreamRefusal> {
  let body: unknown;
  try {
    body = await error.response?.clone().json();
  } catch {
    body = undefined;
  }
  const record = isRecord(body) ? body : {};
  const first = Array.isArray(record["errors"]) && isRecord(record["errors"][0]) ? record["errors"][0] : {};
  const detail = typeof record["detail"] === "string" ? record["detail"] : "";
  const message = typeof record["message"] === "string" ? record["message"] : "";
  return {
    errorCode: safeToken(first["errorCode"]) ?? safeToken(record["errorCode"]),
    parameterName: safeToken(first["parameterName"]) ?? safeToken(record["parameterName"]),
    // SCIM's refusal at the seat limit is known only by its text (REFERENCE.md §4.3).
    licenseLimit: /license limit/i.test(`${detail} ${message}`),
  };
}

/** Codes and field names only: anything longer or stranger than an identifier is dropped. */
function safeToken(value: unknown): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9_.[\]-]{1,64}$/.test(value) ? value : undefined;
}
