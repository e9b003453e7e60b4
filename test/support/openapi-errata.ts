/**
 * Turns the schemas of RingCentral's OpenAPI 3.0.3 document into JSON Schema that Ajv (draft-07) checks the way
 * the spec means them, and patches the spec's known self-contradictions. Each patch is a named erratum that first
 * checks the published shape it corrects, so a newer spec copy that fixes (or moves) the problem fails loudly
 * instead of being silently re-patched.
 */

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface Erratum {
  readonly name: string;
  /** What is wrong in the published spec and why the patch keeps validation as strict as the spec intends. */
  readonly reason: string;
  /** Patches `schemas` (the raw `components.schemas`) in place; throws if the published shape is not found. */
  readonly apply: (schemas: JsonObject) => void;
}

const SCHEMA_REF_PREFIX = "#/components/schemas/";

/** Keywords that describe but never constrain; dropped so Ajv sees no OpenAPI-only shapes. */
const ANNOTATIONS_DROPPED = ["example", "examples", "xml", "externalDocs", "discriminator"] as const;

/**
 * OpenAPI 3.0 schema object → Ajv draft-07 schema, recursively, returning a new object:
 * - `nullable: true` becomes a `type` union with `"null"` (and `null` joins an `enum`); without `type`, the schema
 *   is wrapped as `anyOf: [{type: "null"}, schema]`. `nullable: false` is dropped.
 * - `example`, `examples`, `xml`, `externalDocs` are dropped (annotations; OpenAPI's `examples` is not draft-07's).
 * - `discriminator` is dropped: see `DISCRIMINATOR_DROPPED`. The `oneOf`/`anyOf` branches it annotates stay (the
 *   delivery-mode branches Headroom meets each pin `transportType` with an `enum`), so validation keeps its bite.
 * - a `writeOnly` property is removed from `required`: these are responses, where the spec forbids sending it.
 * - `x-*` extensions and `readOnly`/`writeOnly` stay; Ajv with `strict: false` ignores them.
 */
export function normaliseSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normaliseSchema);
  if (!isJsonObject(schema)) return schema;

  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((ANNOTATIONS_DROPPED as readonly string[]).includes(key) || key === "nullable") continue;
    out[key] = normaliseKeyword(key, value);
  }

  const properties = out["properties"];
  if (Array.isArray(out["required"]) && isJsonObject(properties)) {
    out["required"] = out["required"].filter((name) => {
      const property = properties[String(name)];
      return !(isJsonObject(property) && property["writeOnly"] === true);
    });
  }

  if (schema["nullable"] !== true) return out;
  const type = out["type"];
  if (typeof type === "string") {
    out["type"] = [type, "null"];
    if (Array.isArray(out["enum"]) && !out["enum"].includes(null)) out["enum"] = [...out["enum"], null];
    return out;
  }
  return { anyOf: [{ type: "null" }, out] };
}

function normaliseKeyword(key: string, value: unknown): unknown {
  switch (key) {
    case "properties":
    case "patternProperties":
    case "definitions":
      return isJsonObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, normaliseSchema(sub)]))
        : value;
    case "items":
    case "additionalProperties":
    case "not":
    case "allOf":
    case "anyOf":
    case "oneOf":
      return normaliseSchema(value);
    default:
      return value;
  }
}

/**
 * Applied by `normaliseSchema` to every schema rather than to one. Ajv's own `discriminator` option supports it only
 * on `oneOf` and without `mapping`, but the spec uses it with `mapping` throughout and on `anyOf` (e.g.
 * `AnyPublicDeliveryMode`, inside every `SubscriptionInfo`), and two mappings name schemas that do not exist
 * (`MinimalSmsOptRecord` → `CampaignTypeConsentRecord`, `VirtualSenderConsentRecord`).
 */
export const DISCRIMINATOR_DROPPED = {
  name: "discriminator-dropped",
  reason:
    "discriminator is an annotation here: Ajv cannot take it with mapping or on anyOf, and two mapping targets do " +
    "not exist. The oneOf/anyOf branches it annotates still apply.",
} as const;

function schemaNamed(schemas: JsonObject, name: string): JsonObject {
  const schema = schemas[name];
  if (!isJsonObject(schema)) throw new Error(`OpenAPI erratum: schema ${name} is missing from the spec`);
  return schema;
}

function stale(erratum: string, detail: string): Error {
  return new Error(`OpenAPI erratum "${erratum}" no longer matches the spec (${detail}); re-check and remove it`);
}

/** Follows a JSON pointer below `root` (segments already unescaped). */
function nodeAt(root: JsonObject, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isJsonObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

function dropUriFormatOfId(erratum: string, schemaName: string): (schemas: JsonObject) => void {
  return (schemas) => {
    const id = nodeAt(schemaNamed(schemas, schemaName), ["properties", "id"]);
    if (!isJsonObject(id) || id["format"] !== "uri") throw stale(erratum, `${schemaName}.id is no longer format uri`);
    delete id["format"];
  };
}

/**
 * AI ("CAI") response groups whose `oneOf` branches overlap: `CaiErrorResponse` requires nothing, so a
 * successful output also matches it and `oneOf` (exactly one) can never pass. `anyOf` is what the spec means.
 */
const CAI_AMBIGUOUS_ONE_OF: readonly (readonly string[])[] = [
  ["SummaryApiResponse"],
  ["PunctuateApiResponse"],
  ["DiarizeApiResponse", "properties", "response"],
  ["AsrApiResponse", "properties", "response"],
  ["InteractionApiResponse", "properties", "response"],
  ["JobStatusResponse", "allOf", "1"],
];

/** Role names and descriptions that must not contain `<`, `>`, `/` or `"`. */
const ROLE_TEXT_PATTERNS: readonly (readonly string[])[] = [
  ["RoleResource", "properties", "displayName"],
  ["RoleResource", "properties", "description"],
  ["DefaultUserRole", "properties", "displayName"],
];
const ROLE_TEXT_PATTERN = String.raw`^((?!(<|>|\/|\")).)*$`;

export const ERRATA: readonly Erratum[] = [
  {
    name: "RSPagingModel-never-validates",
    reason:
      "RSPagingModel is allOf[EnumeratedPagingModel, {required: [..., sortableFields]}], but EnumeratedPagingModel " +
      "has additionalProperties: false, so sortableFields is both required and forbidden. Patched to one closed " +
      "object: EnumeratedPagingModel's properties plus sortableFields, with RSPagingModel's required list.",
    apply: (schemas) => {
      const erratum = "RSPagingModel-never-validates";
      const rsPaging = schemaNamed(schemas, "RSPagingModel");
      const paging = schemaNamed(schemas, "EnumeratedPagingModel");
      const [base, extra] = Array.isArray(rsPaging["allOf"]) ? rsPaging["allOf"] : [];
      if (
        !isJsonObject(base) ||
        base["$ref"] !== `${SCHEMA_REF_PREFIX}EnumeratedPagingModel` ||
        !isJsonObject(extra) ||
        paging["additionalProperties"] !== false
      ) {
        throw stale(erratum, "RSPagingModel is no longer allOf[closed EnumeratedPagingModel, extra]");
      }
      schemas["RSPagingModel"] = {
        type: "object",
        additionalProperties: false,
        required: extra["required"],
        properties: { ...(paging["properties"] as JsonObject), ...(extra["properties"] as JsonObject) },
      };
    },
  },
  {
    name: "DepartmentInfo.id-is-not-a-uri",
    reason:
      "DepartmentInfo.id is declared format: uri but described as the internal identifier of a department " +
      "extension (a numeric string). Reachable from readExtension/createExtension/updateExtension `departments[]`.",
    apply: dropUriFormatOfId("DepartmentInfo.id-is-not-a-uri", "DepartmentInfo"),
  },
  {
    name: "ProvisioningSiteInfo.id-is-not-a-uri",
    reason:
      "ProvisioningSiteInfo.id is declared format: uri but its own description says the main site's id is " +
      "`main-site`. Reachable from listExtensions/readExtension/createExtension/updateExtension `site`.",
    apply: dropUriFormatOfId("ProvisioningSiteInfo.id-is-not-a-uri", "ProvisioningSiteInfo"),
  },
  {
    name: "CAI-oneOf-is-anyOf",
    reason: `oneOf groups with overlapping branches in the AI responses become anyOf: ${CAI_AMBIGUOUS_ONE_OF.map(
      (path) => path.join("."),
    ).join(", ")}.`,
    apply: (schemas) => {
      for (const path of CAI_AMBIGUOUS_ONE_OF) {
        const node = nodeAt(schemas, path);
        if (!isJsonObject(node) || !Array.isArray(node["oneOf"])) {
          throw stale("CAI-oneOf-is-anyOf", `${path.join(".")} has no oneOf`);
        }
        node["anyOf"] = node["oneOf"];
        delete node["oneOf"];
      }
    },
  },
  {
    name: "role-text-pattern-escape",
    reason:
      `The role text pattern ${ROLE_TEXT_PATTERN} escapes a double quote (\\"), which ECMAScript rejects in ` +
      "unicode mode (Ajv compiles patterns with the u flag). Rewritten with an unescaped quote: same language. " +
      `At ${ROLE_TEXT_PATTERNS.map((path) => path.join(".")).join(", ")}.`,
    apply: (schemas) => {
      for (const path of ROLE_TEXT_PATTERNS) {
        const node = nodeAt(schemas, path);
        if (!isJsonObject(node) || node["pattern"] !== ROLE_TEXT_PATTERN) {
          throw stale("role-text-pattern-escape", `${path.join(".")} has another pattern`);
        }
        node["pattern"] = ROLE_TEXT_PATTERN.replace(String.raw`\"`, '"');
      }
    },
  },
];

/** Applies every erratum to the raw `components.schemas`, in place. */
export function applyErrata(schemas: JsonObject): void {
  for (const erratum of ERRATA) erratum.apply(schemas);
}
