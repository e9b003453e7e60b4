/**
 * Contract check of emulator responses against RingCentral's published OpenAPI spec
 * (`shared/ringcentral/rc-public-openapi.yml`, beside the repo root).
 *
 * The spec is parsed once per process; a validator is compiled lazily for each response schema actually checked,
 * so a test pays for the handful of operations it exercises, not the 520 in the spec.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { applyErrata, isJsonObject, normaliseSchema, type JsonObject } from "./openapi-errata.js";

// ajv-formats is CommonJS; under NodeNext its default import is the module object, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

/** One response that does not match the spec. */
export interface ContractViolation {
  readonly operationId: string;
  readonly status: number;
  /** What the body was checked against, e.g. `responses.200 → TokenInfo`. */
  readonly checkedAgainst: string;
  readonly errors: readonly string[];
}

export interface SpecOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Declared response keys as written in the spec: `"200"`, `"4XX"`, `"default"`. */
  readonly statuses: readonly string[];
}

export interface RingCentralSpec {
  readonly operations: ReadonlyMap<string, SpecOperation>;
  /** Wall-clock milliseconds spent reading, parsing and preparing the spec. */
  readonly loadMs: number;
  /** Compiles (or returns the cached) validator for a JSON pointer into the spec, e.g. `/components/schemas/X`. */
  readonly validatorAt: (pointer: string) => ValidateFunction;
}

/** Entries recorded by the emulator; only `operationId`, `status` and `responseBody` are read. */
export interface RecordedResponse {
  readonly operationId: string;
  readonly status: number;
  readonly responseBody?: unknown;
}

/** Recorded operationIds that are not RingCentral operations (emulator switches, unmatched routes). */
const NOT_RINGCENTRAL_OPERATIONS: ReadonlySet<string> = new Set(["emulatorControl", "unknown"]);

const SPEC_URL = new URL("../shared/ringcentral/rc-public-openapi.yml", new URL("../../", import.meta.url));
/** `$id` of the spec inside Ajv; never fetched. */
const SPEC_ID = "https://headroom.invalid/rc-public-openapi.json";
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const GENERAL_ERROR_POINTER = "/components/schemas/ApiErrorResponseModel";
const OAUTH_ERROR_RESPONSE = "OauthInvalidRequest";
/** Formats the spec uses that describe a number's width, not something to check. */
const NO_OP_FORMATS = ["int32", "int64", "float", "double", "binary", "byte", "password"] as const;
const CHECKED_FORMATS = ["date-time", "date", "time", "uri", "email", "uuid", "ipv4", "ipv6", "hostname"] as const;

interface ChosenSchema {
  /** JSON pointer of the body schema, or undefined when the chosen response declares no JSON body. */
  readonly pointer: string | undefined;
  readonly label: string;
}

interface OperationEntry extends SpecOperation {
  readonly responses: ReadonlyMap<string, ChosenSchema>;
  readonly usesOAuthErrors: boolean;
}

interface LoadedSpec extends RingCentralSpec {
  readonly entries: ReadonlyMap<string, OperationEntry>;
}

let cachedSpec: LoadedSpec | undefined;

/**
 * Reads and prepares the spec on first call (about a second, mostly YAML parsing) and returns the same object
 * afterwards. Throws if the spec file is missing or an erratum no longer matches it.
 */
export function loadRingCentralSpec(): RingCentralSpec {
  return loadedSpec();
}

function loadedSpec(): LoadedSpec {
  cachedSpec ??= buildSpec();
  return cachedSpec;
}

function buildSpec(): LoadedSpec {
  const started = performance.now();
  // uniqueKeys: false skips a duplicate-key scan that is quadratic in the 1,507-entry components.schemas map.
  const document: unknown = parse(readFileSync(SPEC_URL, "utf8"), { uniqueKeys: false });
  if (!isJsonObject(document) || !isJsonObject(document["paths"]) || !isJsonObject(document["components"])) {
    throw new Error(`${SPEC_URL.pathname} is not an OpenAPI document`);
  }
  const paths = document["paths"];
  const components = document["components"];
  const schemas = objectAt(components, "schemas");
  const responses = objectAt(components, "responses");

  applyErrata(schemas);
  const normalisedSchemas = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, normaliseSchema(schema)]),
  );
  const normalisedResponses = Object.fromEntries(
    Object.entries(responses).map(([name, response]) => [name, normaliseResponse(response)]),
  );

  const entries = new Map<string, OperationEntry>();
  const normalisedPaths: JsonObject = {};
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isJsonObject(pathItem)) continue;
    const normalisedItem: JsonObject = {};
    normalisedPaths[path] = normalisedItem;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isJsonObject(operation) || typeof operation["operationId"] !== "string") continue;
      const operationId = operation["operationId"];
      const declared = isJsonObject(operation["responses"]) ? operation["responses"] : {};
      const normalisedDeclared: JsonObject = {};
      normalisedItem[method] = { responses: normalisedDeclared };
      const chosen = new Map<string, ChosenSchema>();
      let usesOAuthErrors = false;
      for (const [key, response] of Object.entries(declared)) {
        const ref = isJsonObject(response) ? response["$ref"] : undefined;
        if (typeof ref === "string") {
          const name = ref.replace("#/components/responses/", "");
          if (name === OAUTH_ERROR_RESPONSE) usesOAuthErrors = true;
          chosen.set(
            key,
            schemaOfResponse(normalisedResponses[name], `/components/responses/${name}`, `${key} → ${name}`),
          );
        } else {
          normalisedDeclared[key] = normaliseResponse(response);
          const at = `/paths/${escapePointer(path)}/${method}/responses/${escapePointer(key)}`;
          chosen.set(key, schemaOfResponse(normalisedDeclared[key], at, `responses.${key}`));
        }
      }
      entries.set(operationId, {
        operationId,
        method: method.toUpperCase(),
        path,
        statuses: [...chosen.keys()],
        responses: chosen,
        usesOAuthErrors,
      });
    }
  }

  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
  addFormats(ajv, [...CHECKED_FORMATS]);
  for (const format of NO_OP_FORMATS) ajv.addFormat(format, true);
  ajv.addSchema({
    $id: SPEC_ID,
    paths: normalisedPaths,
    components: { schemas: normalisedSchemas, responses: normalisedResponses },
  });

  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let validate = validators.get(pointer);
    if (validate === undefined) {
      validate = ajv.getSchema(`${SPEC_ID}#${pointer.split("/").map(encodeURIComponent).join("/")}`);
      if (validate === undefined) throw new Error(`No schema at ${pointer} in the RingCentral spec`);
      validators.set(pointer, validate);
    }
    return validate;
  };

  return { operations: entries, entries, loadMs: performance.now() - started, validatorAt };
}

/**
 * Checks one response body against the spec's response for `operationId` and `status`: the exact status, else its
 * `NXX` range, else `default`. For an error status (≥ 400) the operation does not declare, or declares without a
 * body, the body must match the spec's general error model (`ApiErrorResponseModel`; for operations that answer with
 * `OauthInvalidRequest`, i.e. `getToken`/`revokeToken`, that OAuth error model). Any other undeclared status is a
 * violation. `body: undefined` means the response had no body.
 *
 * Returns undefined when the body conforms; throws only for an operationId the spec does not have.
 */
export function validateResponse(operationId: string, status: number, body: unknown): ContractViolation | undefined {
  const spec = loadedSpec();
  const operation = spec.entries.get(operationId);
  if (operation === undefined) throw new Error(`operationId "${operationId}" is not in the RingCentral spec`);

  const declared =
    operation.responses.get(String(status)) ??
    operation.responses.get(`${Math.floor(status / 100)}XX`) ??
    operation.responses.get(`${Math.floor(status / 100)}xx`) ??
    operation.responses.get("default");
  const violation = (checkedAgainst: string, errors: readonly string[]): ContractViolation => ({
    operationId,
    status,
    checkedAgainst,
    errors,
  });

  let chosen = declared;
  if (status >= 400 && declared?.pointer === undefined) {
    chosen = operation.usesOAuthErrors
      ? {
          pointer: `/components/responses/${OAUTH_ERROR_RESPONSE}/content/application~1json/schema`,
          label: `${OAUTH_ERROR_RESPONSE} (status ${declared === undefined ? "not declared" : "declared without a body"})`,
        }
      : {
          pointer: GENERAL_ERROR_POINTER,
          label: `ApiErrorResponseModel (status ${declared === undefined ? "not declared" : "declared without a body"})`,
        };
  }
  if (chosen === undefined) {
    return violation("declared statuses", [
      `status ${status} is not declared; ${operation.method} ${operation.path} declares ${operation.statuses.join(", ")}`,
    ]);
  }
  if (chosen.pointer === undefined) {
    return body === undefined ? undefined : violation(chosen.label, ["the spec declares no body, but one was sent"]);
  }
  if (body === undefined) return violation(chosen.label, ["the spec declares a JSON body, but none was sent"]);

  const validate = spec.validatorAt(chosen.pointer);
  if (validate(body)) return undefined;
  return violation(chosen.label, (validate.errors ?? []).map(describeError));
}

/**
 * Checks every recorded RingCentral response and throws one Error listing all violations (identical ones once,
 * with a count). Skips `emulatorControl`/`unknown` entries and status 0 (a reset connection: no response at all);
 * an entry without a body is checked only for its status being declared (e.g. `deleteExtension` 204).
 */
export function assertResponsesMatchSpec(entries: readonly RecordedResponse[]): void {
  const seen = new Map<string, { readonly violation: ContractViolation; count: number; body: unknown }>();
  for (const entry of entries) {
    if (NOT_RINGCENTRAL_OPERATIONS.has(entry.operationId) || entry.status === 0) continue;
    const violation =
      entry.responseBody === undefined
        ? statusViolation(entry.operationId, entry.status)
        : validateResponse(entry.operationId, entry.status, entry.responseBody);
    if (violation === undefined) continue;
    const key = JSON.stringify(violation);
    const known = seen.get(key);
    if (known) known.count += 1;
    else seen.set(key, { violation, count: 1, body: entry.responseBody });
  }
  if (seen.size === 0) return;

  const lines = [...seen.values()].map(({ violation, count, body }) =>
    [
      `${violation.operationId} ${violation.status} vs ${violation.checkedAgainst}${count > 1 ? ` (×${count})` : ""}:`,
      ...violation.errors.map((error) => `    ${error}`),
      ...(body === undefined ? [] : [`    body: ${truncate(JSON.stringify(body), 300)}`]),
    ].join("\n"),
  );
  throw new Error(`${seen.size} response(s) break RingCentral's OpenAPI contract:\n${lines.join("\n")}`);
}

/** For a bodiless response: only an undeclared non-error status is a violation. */
function statusViolation(operationId: string, status: number): ContractViolation | undefined {
  if (status >= 400) return undefined;
  const violation = validateResponse(operationId, status, undefined);
  return violation?.checkedAgainst === "declared statuses" ? violation : undefined;
}

function describeError(error: ErrorObject): string {
  const at = error.instancePath === "" ? "(body)" : error.instancePath;
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === "additionalProperties"
      ? ` "${String(params["additionalProperty"])}"`
      : error.keyword === "enum"
        ? ` ${JSON.stringify(params["allowedValues"])}`
        : "";
  return `${at} ${error.message ?? error.keyword}${detail}`;
}

/** OpenAPI response object → the same with normalised media-type schemas (and nothing else). */
function normaliseResponse(response: unknown): JsonObject {
  if (!isJsonObject(response) || !isJsonObject(response["content"])) return {};
  const content: JsonObject = {};
  for (const [mediaType, media] of Object.entries(response["content"])) {
    if (isJsonObject(media) && "schema" in media) content[mediaType] = { schema: normaliseSchema(media["schema"]) };
  }
  return { content };
}

/** `application/json`, else the first JSON-ish media type (`application/scim+json`, ...). */
function schemaOfResponse(response: unknown, at: string, label: string): ChosenSchema {
  const content = isJsonObject(response) && isJsonObject(response["content"]) ? response["content"] : {};
  const mediaType =
    "application/json" in content ? "application/json" : Object.keys(content).find((type) => /[/+]json\b/.test(type));
  if (mediaType === undefined) return { pointer: undefined, label: `${label} (no JSON body)` };
  const schema = nodeRef(content[mediaType]);
  return {
    pointer: `${at}/content/${escapePointer(mediaType)}/schema`,
    label: schema === undefined ? `${label} (${mediaType})` : `${label} (${schema})`,
  };
}

function nodeRef(media: unknown): string | undefined {
  const schema = isJsonObject(media) ? media["schema"] : undefined;
  const ref = isJsonObject(schema) ? schema["$ref"] : undefined;
  return typeof ref === "string" ? ref.replace("#/components/schemas/", "") : undefined;
}

function objectAt(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  if (!isJsonObject(value)) throw new Error(`RingCentral spec has no components.${key}`);
  return value;
}

function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
