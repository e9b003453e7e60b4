import { describe, expect, it } from "vitest";
import { assertResponsesMatchSpec, loadRingCentralSpec, validateResponse } from "../support/openapi-contract.js";

// Fixture bodies follow the examples in shared/ringcentral/REFERENCE.md (§2.4, §4, §5.2, §8.1, §9, §10).
const BASE = "https://platform.ringcentral.com/restapi/v1.0/account/159048008";

const tokenInfo = {
  access_token: "U1BCMDFUMDRKV1MwMXxzLFSvXdw5PHMsVLEn_MrtcyxUsw",
  token_type: "bearer",
  expires_in: 7199,
  refresh_token: "U1BCMDFUMDRKV1MwMXxzLFL4ec6A0XMsUv9wLriecyxS_w",
  refresh_token_expires_in: 604799,
  scope: "ReadAccounts EditAccounts EditExtensions",
  owner_id: "256440016",
  session_id: "4103624008",
};

const extensionRecord = {
  uri: `${BASE}/extension/256440016`,
  id: 256440016,
  extensionNumber: "101",
  contact: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
  name: "Ada Lovelace",
  type: "User",
  status: "Enabled",
  permissions: { admin: { enabled: true }, internationalCalling: { enabled: false } },
  profileImage: { uri: `${BASE}/extension/256440016/profile-image` },
  hidden: false,
};

function extensionList(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uri: `${BASE}/extension?page=1&perPage=100`,
    records: [extensionRecord],
    paging: { page: 1, totalPages: 1, perPage: 100, totalElements: 1, pageStart: 0, pageEnd: 0 },
    navigation: { firstPage: { uri: `${BASE}/extension?page=1&perPage=100` } },
    ...overrides,
  };
}

const v2PhoneNumber = {
  id: "1162820004",
  phoneNumber: "+16501234567",
  type: "VoiceFax",
  tollType: "Toll",
  usageType: "DirectNumber",
  status: "Normal",
  extension: { id: "697477005", extensionNumber: "10022" },
};

const subscriptionInfo = {
  uri: "https://platform.ringcentral.com/restapi/v1.0/subscription/dd2f0ff2-580e-4581-a277-76f9c9a54bc9",
  id: "dd2f0ff2-580e-4581-a277-76f9c9a54bc9",
  eventFilters: ["/restapi/v1.0/account/159048008/extension"],
  creationTime: "2026-03-10T18:07:52.534Z",
  expirationTime: "2026-03-17T18:07:52.534Z",
  expiresIn: 604799,
  status: "Active",
  deliveryMode: { transportType: "WebHook", address: "https://example.com/hook", encryption: false },
};

const rateLimited = {
  errorCode: "CMN-301",
  message: "Request rate exceeded",
  errors: [{ errorCode: "CMN-301", message: "Request rate exceeded" }],
};

describe("validateResponse: OAuth", () => {
  it("accepts a TokenInfo body for getToken 200", () => {
    expect(validateResponse("getToken", 200, tokenInfo)).toBeUndefined();
  });

  it("rejects a TokenInfo body without session_id", () => {
    const { session_id: _sessionId, ...withoutSession } = tokenInfo;
    expect(validateResponse("getToken", 200, withoutSession)?.errors).toEqual([
      "(body) must have required property 'session_id'",
    ]);
  });

  it("rejects a token_type other than bearer", () => {
    expect(validateResponse("getToken", 200, { ...tokenInfo, token_type: "Bearer" })?.errors).toEqual([
      '/token_type must be equal to one of the allowed values ["bearer"]',
    ]);
  });

  it("accepts an OAuth error body for getToken 400", () => {
    const body = {
      error: "invalid_grant",
      error_description: "Invalid resource owner credentials",
      errors: [{ errorCode: "OAU-140", message: "Invalid resource owner credentials" }],
    };
    expect(validateResponse("getToken", 400, body)).toBeUndefined();
  });

  it("rejects an OAuth error outside the RFC 6749 list", () => {
    const body = { error: "token_gone", errors: [{ errorCode: "OAU-213", message: "Token not found" }] };
    expect(validateResponse("getToken", 400, body)?.errors[0]).toMatch(/^\/error must be equal to one of/);
  });

  it("checks an undeclared getToken 401 against the OAuth error model", () => {
    expect(validateResponse("getToken", 401, { error: "invalid_client" })).toMatchObject({
      checkedAgainst: "OauthInvalidRequest (status not declared)",
      errors: ["(body) must have required property 'errors'"],
    });
  });

  it("accepts a CMN-301 body for getToken 429, declared without a body", () => {
    expect(validateResponse("getToken", 429, rateLimited)).toBeUndefined();
  });

  it("accepts an empty revokeToken 200 and rejects one with a body", () => {
    expect(validateResponse("revokeToken", 200, undefined)).toBeUndefined();
    expect(validateResponse("revokeToken", 200, {})?.errors).toEqual(["the spec declares no body, but one was sent"]);
  });
});

describe("validateResponse: extensions", () => {
  it("accepts a listExtensions page with absolute navigation links", () => {
    expect(validateResponse("listExtensions", 200, extensionList())).toBeUndefined();
  });

  it("rejects a relative navigation.nextPage.uri", () => {
    const body = extensionList({
      navigation: { nextPage: { uri: "/restapi/v1.0/account/159048008/extension?page=2" } },
    });
    expect(validateResponse("listExtensions", 200, body)?.errors).toEqual([
      '/navigation/nextPage/uri must match format "uri"',
    ]);
  });

  it("rejects paging with a property EnumeratedPagingModel does not declare", () => {
    const body = extensionList({ paging: { page: 1, perPage: 100, hasMore: false } });
    expect(validateResponse("listExtensions", 200, body)?.errors).toEqual([
      '/paging must NOT have additional properties "hasMore"',
    ]);
  });

  it("rejects a string extension id in a v1 record", () => {
    const body = extensionList({ records: [{ ...extensionRecord, id: "256440016" }] });
    expect(validateResponse("listExtensions", 200, body)?.errors).toEqual(["/records/0/id must be integer"]);
  });

  it("rejects a contact email that is not an email address", () => {
    const body = { ...extensionRecord, contact: { firstName: "Ada", email: "ada.example.com" } };
    expect(validateResponse("readExtension", 200, body)?.errors).toEqual(['/contact/email must match format "email"']);
  });

  it("accepts the main site's id, which the spec declares as a uri (erratum)", () => {
    const body = { ...extensionRecord, site: { id: "main-site", name: "Main Site" } };
    expect(validateResponse("readExtension", 200, body)).toBeUndefined();
  });

  it("accepts a createExtension 400 ParameterizedErrorResponseModel body", () => {
    const body = {
      errorCode: "CMN-101",
      message: "Parameter [contact.email] value is invalid.",
      errors: [
        {
          errorCode: "CMN-101",
          message: "Parameter [contact.email] value is invalid.",
          parameterName: "contact.email",
        },
      ],
    };
    expect(validateResponse("createExtension", 400, body)).toBeUndefined();
  });

  it("rejects a 201 from createExtension, which answers 200", () => {
    expect(validateResponse("createExtension", 201, extensionRecord)).toMatchObject({
      checkedAgainst: "declared statuses",
      errors: [expect.stringContaining("status 201 is not declared")],
    });
  });
});

describe("validateResponse: errors", () => {
  it("rejects an undeclared 404 whose errors[] is empty", () => {
    const body = { errorCode: "CMN-102", message: "Resource for parameter [extensionId] is not found", errors: [] };
    expect(validateResponse("readExtension", 404, body)).toMatchObject({
      checkedAgainst: "ApiErrorResponseModel (status not declared)",
      errors: ["/errors must NOT have fewer than 1 items"],
    });
  });

  it("accepts an undeclared 404 with one error item", () => {
    const body = {
      errorCode: "CMN-102",
      message: "Resource for parameter [extensionId] is not found",
      errors: [{ errorCode: "CMN-102", message: "Resource for parameter [extensionId] is not found" }],
    };
    expect(validateResponse("readExtension", 404, body)).toBeUndefined();
  });

  it("accepts a CMN-301 body for an undeclared 429", () => {
    expect(validateResponse("listExtensions", 429, rateLimited)).toBeUndefined();
  });

  it("accepts a CMN-301 body for a declared 429", () => {
    expect(validateResponse("listAccountPhoneNumbersV2", 429, rateLimited)).toBeUndefined();
  });

  it("throws for an operationId the spec does not have", () => {
    expect(() => validateResponse("listSeats", 200, {})).toThrow(
      /operationId "listSeats" is not in the RingCentral spec/,
    );
  });
});

describe("validateResponse: v2 phone numbers", () => {
  it("accepts a listAccountPhoneNumbersV2 page", () => {
    const body = {
      records: [v2PhoneNumber],
      paging: { page: 1, perPage: 100, pageStart: 0, pageEnd: 0, totalPages: 1, totalElements: 1 },
    };
    expect(validateResponse("listAccountPhoneNumbersV2", 200, body)).toBeUndefined();
  });

  it("rejects a page without paging", () => {
    expect(validateResponse("listAccountPhoneNumbersV2", 200, { records: [] })?.errors).toEqual([
      "(body) must have required property 'paging'",
    ]);
  });

  it("rejects a numeric phone-number id", () => {
    expect(validateResponse("assignPhoneNumberV2", 200, { ...v2PhoneNumber, id: 1162820004 })?.errors).toEqual([
      "/id must be string",
    ]);
  });

  it("rejects a phone-number id with a leading zero", () => {
    expect(validateResponse("assignPhoneNumberV2", 200, { ...v2PhoneNumber, id: "0123" })?.errors).toEqual([
      '/id must match pattern "^[1-9]\\d{1,14}$"',
    ]);
  });

  it("accepts a null type, which the spec declares nullable", () => {
    expect(validateResponse("assignPhoneNumberV2", 200, { ...v2PhoneNumber, type: null })).toBeUndefined();
  });
});

describe("validateResponse: subscriptions", () => {
  it("accepts a WebHook SubscriptionInfo", () => {
    expect(validateResponse("createSubscription", 200, subscriptionInfo)).toBeUndefined();
  });

  it("accepts a WebSocket delivery mode", () => {
    const body = { ...subscriptionInfo, deliveryMode: { transportType: "WebSocket" } };
    expect(validateResponse("readSubscription", 200, body)).toBeUndefined();
  });

  it("rejects a delivery mode no anyOf branch allows", () => {
    const body = { ...subscriptionInfo, deliveryMode: { transportType: "PubNub" } };
    expect(validateResponse("renewSubscription", 200, body)?.errors).toContain(
      "/deliveryMode must match a schema in anyOf",
    );
  });

  it("rejects an expirationTime without a time zone", () => {
    const body = { ...subscriptionInfo, expirationTime: "2026-03-17T18:07:52.534" };
    expect(validateResponse("updateSubscription", 200, body)?.errors).toEqual([
      '/expirationTime must match format "date-time"',
    ]);
  });

  it("rejects more than 30 subscriptions in a list", () => {
    const body = {
      uri: "https://platform.ringcentral.com/restapi/v1.0/subscription",
      records: Array(31).fill(subscriptionInfo),
    };
    expect(validateResponse("listSubscriptions", 200, body)?.errors).toEqual([
      "/records must NOT have more than 30 items",
    ]);
  });

  it("accepts a bodiless deleteSubscription 204", () => {
    expect(validateResponse("deleteSubscription", 204, undefined)).toBeUndefined();
  });
});

describe("spec errata", () => {
  it("lets RSPagingModel validate a page that lists sortableFields", () => {
    const validate = loadRingCentralSpec().validatorAt("/components/schemas/RSPagingModel");
    const paging = { page: 1, perPage: 10, pageStart: 0, pageEnd: 9, totalElements: 20, sortableFields: ["name"] };
    expect(validate(paging)).toBe(true);
    expect(validate({ ...paging, extra: 1 })).toBe(false);
  });
});

describe("assertResponsesMatchSpec", () => {
  it("passes a log of conforming responses and skips emulator-only entries", () => {
    expect(() =>
      assertResponsesMatchSpec([
        { operationId: "getToken", status: 200, responseBody: tokenInfo },
        { operationId: "listExtensions", status: 200, responseBody: extensionList() },
        { operationId: "deleteExtension", status: 204 },
        { operationId: "emulatorControl", status: 200, responseBody: { anything: true } },
        { operationId: "unknown", status: 404, responseBody: { errors: [] } },
      ]),
    ).not.toThrow();
  });

  it("throws one error listing every violation", () => {
    const noPaging = { records: [v2PhoneNumber] };
    const act = (): void =>
      assertResponsesMatchSpec([
        { operationId: "getToken", status: 200, responseBody: { ...tokenInfo, expires_in: "7199" } },
        { operationId: "listAccountPhoneNumbersV2", status: 200, responseBody: noPaging },
        { operationId: "listAccountPhoneNumbersV2", status: 200, responseBody: noPaging },
        { operationId: "deleteExtension", status: 200 },
      ]);
    expect(act).toThrow(/^3 response\(s\) break RingCentral's OpenAPI contract/);
    expect(act).toThrow(/getToken 200 vs responses\.200 \(TokenInfo\):\n {4}\/expires_in must be integer/);
    expect(act).toThrow(/listAccountPhoneNumbersV2 200 vs responses\.200 \(AccountPhoneNumberList\) \(×2\)/);
    expect(act).toThrow(
      /deleteExtension 200 vs declared statuses:\n {4}status 200 is not declared; DELETE .* declares 204/,
    );
  });
});
