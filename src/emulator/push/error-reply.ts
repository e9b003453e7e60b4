import { ApiHttpError, apiErrorBody } from "../errors.js";
import { EmulatorRuleError } from "../state.js";
import type { WireApiError } from "../../datasources/ringcentral.wire.js";

/** A thrown refusal as the status and RingCentral error body a WebSocket `ClientRequest` reply carries. */
export function errorReply(error: unknown): { status: number; body: WireApiError } {
  if (error instanceof ApiHttpError || error instanceof EmulatorRuleError) {
    return {
      status: error.httpStatus,
      body: apiErrorBody(error.errorCode, error.message, error.parameterName, error.parameterValue),
    };
  }
  return { status: 500, body: apiErrorBody("CMN-203", "Internal Server Error") };
}
