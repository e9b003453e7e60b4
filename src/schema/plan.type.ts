import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "The account's RingCentral service plan, as service-info names it." })
export class Plan {
  @Field((_type) => String, { nullable: true })
  name: string | null;

  @Field((_type) => String, { nullable: true })
  edition: string | null;

  @Field((_type) => Boolean, { description: "A developer sandbox (capped at 4 user extensions)." })
  sandbox: boolean;

  @Field((_type) => Int, { nullable: true, description: "The plan's user-extension cap when the plan has one." })
  userCap: number | null;
}
