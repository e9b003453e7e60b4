import { Field, Float, Int, ObjectType } from "type-graphql";
import { CapacityLevel, LimitSource, RemediationKind } from "./enums.js";
import { DateTime } from "./scalars.js";

@ObjectType({ simpleResolvers: true, description: "Phone-number headroom: a new user usually needs a direct number." })
export class PhoneNumberCapacity {
  @Field((_type) => Int, { description: "Numbers in inventory, free to assign." })
  inventory: number;

  @Field((_type) => Int, { description: "Numbers assigned to extensions." })
  assigned: number;
}

@ObjectType({ simpleResolvers: true, description: "What to do to get more seats." })
export class Remediation {
  @Field((_type) => RemediationKind)
  kind: RemediationKind;

  @Field((_type) => String)
  message: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "How many more people this account can take, derived (RingCentral has no such field).",
})
export class Capacity {
  @Field((_type) => Int, { nullable: true, description: "Seat limit; null when unlimited." })
  limit: number | null;

  @Field((_type) => LimitSource)
  limitSource: LimitSource;

  @Field((_type) => Int, { description: "User extensions holding a person (every status but Unassigned)." })
  used: number;

  @Field((_type) => Int, { description: "Paid seats free to give to a person (status Unassigned)." })
  unassigned: number;

  @Field((_type) => Int, { nullable: true, description: "limit - used, never below 0; null when unlimited." })
  available: number | null;

  @Field((_type) => Int, { description: "Seats used beyond the limit (after a plan downgrade); usually 0." })
  overLimit: number;

  @Field((_type) => Float, { nullable: true, description: "used / limit; null when unlimited." })
  utilization: number | null;

  @Field((_type) => CapacityLevel)
  level: CapacityLevel;

  @Field((_type) => Remediation, { nullable: true, description: "What to do to get more seats, by limit source." })
  remediation: Remediation | null;

  @Field((_type) => PhoneNumberCapacity)
  phoneNumbers: PhoneNumberCapacity;

  @Field((_type) => DateTime, { description: "When RingCentral was last read for this." })
  observedAt: string;

  @Field((_type) => Boolean, { description: "Served from cache because RingCentral could not answer in time." })
  stale: boolean;
}
