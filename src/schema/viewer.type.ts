import { Field, ID, ObjectType } from "type-graphql";
import { Role } from "./enums.js";

@ObjectType({ simpleResolvers: true, description: "The caller: the tenant its API key belongs to." })
export class Viewer {
  @Field((_type) => ID)
  tenantId: string;

  @Field((_type) => String)
  tenantName: string;

  @Field((_type) => Role)
  role: Role;
}
