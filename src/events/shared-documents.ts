import { LRUCache } from "lru-cache";
import {
  parse as graphqlParse,
  specifiedRules,
  validate as graphqlValidate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ParseOptions,
  type Source,
  type ValidationRule,
} from "graphql";

/** Options of {@link createDocumentCache}. */
export interface DocumentCacheOptions {
  /** Distinct query strings kept; the least recently used goes first. */
  maxDocuments?: number;
  /** Validation rules; graphql-js's `specifiedRules` unless given (add depth or cost limits here). */
  rules?: readonly ValidationRule[];
}

/** `parse` and `validate` for graphql-ws's options of the same names. */
export interface DocumentCache {
  parse(source: string | Source, options?: ParseOptions): DocumentNode;
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
}

/**
 * Parses each distinct query string once and validates each parsed document once per schema, so thousands of
 * dashboards sending the same subscription hold one AST between them (a parsed document keeps its whole token list,
 * several KB) and the shared executor's share key is computed once per document.
 *
 * @example
 * const documents = createDocumentCache();
 * useServer({ schema, parse: documents.parse, validate: documents.validate, subscribe: executor.subscribe }, ws);
 */
export function createDocumentCache(options: DocumentCacheOptions = {}): DocumentCache {
  const maxDocuments = options.maxDocuments ?? 1_000;
  const rules = options.rules ?? specifiedRules;
  const documents = new LRUCache<string, DocumentNode>({ max: maxDocuments });
  const verdicts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly GraphQLError[]>>();

  return {
    parse(source, parseOptions) {
      if (typeof source !== "string" || parseOptions !== undefined) return graphqlParse(source, parseOptions);
      const cached = documents.get(source);
      if (cached !== undefined) return cached;
      const document = graphqlParse(source);
      documents.set(source, document);
      return document;
    },
    validate(schema, document) {
      let bySchema = verdicts.get(schema);
      if (bySchema === undefined) {
        bySchema = new WeakMap();
        verdicts.set(schema, bySchema);
      }
      let errors = bySchema.get(document);
      if (errors === undefined) {
        errors = graphqlValidate(schema, document, rules);
        bySchema.set(document, errors);
      }
      return errors;
    },
  };
}
