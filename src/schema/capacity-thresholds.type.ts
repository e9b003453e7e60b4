import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description: "When capacity levels rise: by utilization or by seats left, whichever comes first.",
})
export class CapacityThresholds {
  @Field((_type) => Float)
  warningUtilization: number;

  @Field((_type) => Float)
  criticalUtilization: number;

  @Field((_type) => Int)
  warningSeatsLeft: number;

  @Field((_type) => Int)
  criticalSeatsLeft: number;
}
