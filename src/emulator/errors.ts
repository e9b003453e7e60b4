import { isRecord } from "../json.js";
import type { WireApiError, WireOAuthError } from "../datasources/ringcentral.wire.js";

/**
 * A RingCentral-style refusal raised inside a route. The error handler renders it as `WireApiError`
 * (top-level `errorCode` + `message`, and the same error as the single item of `errors[]`).
 */
export class ApiHttpError extends Error {
  override readonly name = "ApiHttpError";
  constructor(
    readonly httpStatus: number,
    readonly errorCode: string,
    message: string,
    readonly parameterName?: string,
    readonly parameterValue?: string,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** A refusal on `/restapi/oauth/*`, rendered as `WireOAuthError`. */
export class OAuthHttpError extends Error {
  override readonly name = "OAuthHttpError";
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    readonly errorCode: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export function apiErrorBody(
  errorCode: string,
  message: string,
  parameterName?: string,
  parameterValue?: string,
): WireApiError {
  const item: WireApiError["errors"][number] = { errorCode, message };
  if (parameterName !== undefined) item.parameterName = parameterName;
  if (parameterValue !== undefined) item.parameterValue = parameterValue;
  return { errorCode, message, errors: [item] };
}

export function oauthErrorBody(error: OAuthHttpError): WireOAuthError {
  return {
    error: error.error,
    error_description: error.description,
    errors: [{ errorCode: error.errorCode, message: error.description }],
  };
}

/** 400 CMN-101 "Parameter [x] value is invalid.", RingCentral's answer to most bad inputs. */
export function invalidParameter(parameterName: string, parameterValue?: string): ApiHttpError {
  return new ApiHttpError(
    400,
    "CMN-101",
    `Parameter [${parameterName}] value is invalid.`,
    parameterName,
    parameterValue,
  );
}

/** `value` as a JSON object, else `CMN-101` on `parameterName`. */
export function asObject(value: unknown, parameterName: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalidParameter(parameterName);
  return value;
}

export function notFound(parameterName: string): ApiHttpError {
  return new ApiHttpError(404, "CMN-102", `Resource for parameter [${parameterName}] is not found`, parameterName);
}

export const RATE_LIMIT_MESSAGE = "Request rate exceeded";

export function rateLimited(retryAfterSeconds: number): ApiHttpError {
  return new ApiHttpError(429, "CMN-301", RATE_LIMIT_MESSAGE, undefined, undefined, {
    "Retry-After": String(retryAfterSeconds),
  });
}
