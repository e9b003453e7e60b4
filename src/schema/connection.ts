import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import { PageInfo } from "./page-info.type.js";

/** Builds the Relay edge and connection types for a node type (type-graphql generic types). */
export function Connection<TNode extends object>(nodeType: () => ClassType<TNode>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field((_type) => String)
    cursor: string;

    @Field(nodeType)
    node: TNode;
  }

  // Not reachable from any field, so type-graphql 2 does not emit it: only the concrete subclasses appear.
  @ObjectType(`${name}ConnectionBase`, { simpleResolvers: true })
  abstract class ConnectionType {
    @Field((_type) => [Edge])
    edges: Edge[];

    @Field((_type) => PageInfo)
    pageInfo: PageInfo;

    @Field((_type) => Int, { description: "Items matching the filter, across all pages." })
    totalCount: number;
  }
  return ConnectionType;
}
