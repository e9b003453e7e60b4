import { randomUUID } from "node:crypto";
import { SDK } from "@ringcentral/sdk";
import { afterEach } from "vitest";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { assertResponsesMatchSpec } from "./openapi-contract.js";

/**
 * Test helpers for the RingCentral emulator. After each test, every JSON response the started emulators sent is
 * validated against RingCentral's OpenAPI description (a violation fails the test), then they are closed: every
 * emulator test is a contract test too.
 */

const leftovers: Emulator[] = [];

afterEach(async () => {
  const emulators = leftovers.splice(0);
  try {
    for (const emulator of emulators) assertResponsesMatchSpec(emulator.requestLog.entries);
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  }
});

/** The default seed's accounts, by story. */
export const SANDBOX = "37439510";
export const ESSENTIALS = "48211230";
export const LICENSED = "59322340";

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await createEmulator(options);
  leftovers.push(emulator);
  return emulator;
}

type SdkOptions = ConstructorParameters<typeof SDK>[0];

/** An SDK pointed at the emulator with `accountId`'s app credentials and its own token cache. Not logged in. */
export function sdkFor(emulator: Emulator, accountId: string, options: SdkOptions = {}): SDK {
  const { clientId, clientSecret } = emulator.state.account(accountId).credentials;
  return new SDK({
    server: emulator.url,
    clientId,
    clientSecret,
    appName: "headroom-test",
    appVersion: "1.0.0",
    cachePrefix: `emulator-test-${randomUUID()}-`,
    refreshDelayMs: 0,
    ...options,
  });
}

/** `sdkFor(...)` logged in with the account's JWT; returns its platform. */
export async function loginAs(emulator: Emulator, accountId: string, options: SdkOptions = {}) {
  const sdk = sdkFor(emulator, accountId, options);
  const platform = sdk.platform();
  await platform.login({ jwt: emulator.state.account(accountId).credentials.jwt });
  return platform;
}

/** The HTTP status of a rejected SDK call (the SDK throws `ApiError` with `response`). */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: Response }).response;
    if (response) return response.status;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** The JSON error body of a rejected SDK call. */
export async function errorBodyOf(
  promise: Promise<unknown>,
): Promise<{ errorCode?: string; errors?: { errorCode: string; parameterName?: string }[]; error?: string }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: Response }).response;
    if (response) return (await response.clone().json()) as never;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** A response's JSON body, typed by the caller (usually a wire type from `ringcentral.wire.ts`). */
export async function jsonOf<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}
