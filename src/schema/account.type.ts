import { Field, ID, ObjectType } from "type-graphql";
import { Node } from "./node.interface.js";
import { Plan } from "./plan.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A RingCentral account the caller's tenant may see.",
})
export class Account implements Node {
  @Field((_type) => ID)
  id: string;

  nodeType: "Account";

  @Field((_type) => ID, { description: "RingCentral's account id." })
  rcId: string;

  @Field((_type) => String, { nullable: true })
  name: string | null;

  @Field((_type) => String, { nullable: true })
  mainNumber: string | null;

  @Field((_type) => String, { description: "RingCentral's account status (Confirmed, Disabled, ...)." })
  status: string;

  @Field((_type) => Plan)
  plan: Plan;
}
