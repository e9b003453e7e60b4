import { Field, ID, ObjectType } from "type-graphql";
import { Node } from "./node.interface.js";
import { E164 } from "./scalars.js";

@ObjectType({ simpleResolvers: true, implements: Node })
export class PhoneNumber implements Node {
  @Field((_type) => ID)
  id: string;

  nodeType: "PhoneNumber";

  @Field((_type) => ID, { description: "RingCentral's phone number id." })
  rcId: string;

  @Field((_type) => E164)
  phoneNumber: string;

  @Field((_type) => String, {
    description: "RingCentral's usage type: Inventory, DirectNumber, MainCompanyNumber, ...",
  })
  usageType: string;

  @Field((_type) => String, { description: "Toll or TollFree." })
  tollType: string;

  @Field((_type) => Boolean, { description: "Assigned to an extension." })
  assigned: boolean;

  /** Read by the extension field resolver. */
  accountId: string;
  extensionRcId: string | null;
}
