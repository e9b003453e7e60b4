import { Field, ID, InterfaceType } from "type-graphql";
import type { NodeType } from "./global-id.js";

@InterfaceType({
  description: "An object with an opaque global id, refetchable with Query.node.",
  // Resolvers return plain objects, so the concrete type travels with the value instead of via instanceof.
  resolveType: (value: { nodeType: NodeType }) => value.nodeType,
})
export abstract class Node {
  @Field((_type) => ID)
  id: string;

  /** The concrete GraphQL type; not a field. */
  nodeType: NodeType;
}
