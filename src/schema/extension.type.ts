import { Field, ID, ObjectType } from "type-graphql";
import { ExtensionStatus } from "./enums.js";
import { Node } from "./node.interface.js";
import { DateTime } from "./scalars.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "Any RingCentral extension: users, unassigned seats, queues, menus.",
})
export class Extension implements Node {
  @Field((_type) => ID)
  id: string;

  nodeType: "Extension";

  @Field((_type) => ID, { description: "RingCentral's extension id." })
  rcId: string;

  @Field((_type) => String, { nullable: true, description: "Unassigned seats have none." })
  extensionNumber: string | null;

  @Field((_type) => String, { nullable: true })
  name: string | null;

  @Field((_type) => String, { description: "RingCentral's extension type: User, Department, IvrMenu, ..." })
  type: string;

  @Field((_type) => ExtensionStatus)
  status: ExtensionStatus;

  @Field((_type) => DateTime, { nullable: true })
  createdAt: string | null;

  accountId: string;
}
