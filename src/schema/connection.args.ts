import { ArgsType, Field, Int } from "type-graphql";

@ArgsType()
export class ConnectionArgs {
  @Field((_type) => Int, { nullable: true, description: "Up to 5000; 50 when neither first nor last is given." })
  first?: number | null;

  @Field((_type) => String, { nullable: true })
  after?: string | null;

  @Field((_type) => Int, { nullable: true })
  last?: number | null;

  @Field((_type) => String, { nullable: true })
  before?: string | null;
}
