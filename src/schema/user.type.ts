import { Field, ID, ObjectType } from "type-graphql";
import { ExtensionStatus } from "./enums.js";
import { Node } from "./node.interface.js";
import { DateTime, EmailAddress } from "./scalars.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A person holding a seat: a User extension in any status but Unassigned.",
})
export class User implements Node {
  @Field((_type) => ID)
  id: string;

  nodeType: "User";

  @Field((_type) => ID, { description: "RingCentral's extension id." })
  rcId: string;

  @Field((_type) => String, { nullable: true })
  extensionNumber: string | null;

  @Field((_type) => String, { nullable: true })
  name: string | null;

  @Field((_type) => String, { nullable: true })
  firstName: string | null;

  @Field((_type) => String, { nullable: true })
  lastName: string | null;

  @Field((_type) => EmailAddress, { nullable: true })
  email: string | null;

  @Field((_type) => String, { nullable: true })
  department: string | null;

  @Field((_type) => ExtensionStatus)
  status: ExtensionStatus;

  @Field((_type) => DateTime, { nullable: true })
  createdAt: string | null;

  accountId: string;
}
