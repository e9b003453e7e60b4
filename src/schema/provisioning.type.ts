import { Field, Int, ObjectType } from "type-graphql";
import { Capacity, Remediation } from "./capacity.type.js";
import { CapacityThresholds } from "./capacity-thresholds.type.js";
import { LimitSource, ProvisioningStrategy, SeatOutcome } from "./enums.js";
import { PhoneNumber } from "./phone-number.type.js";
import { User } from "./user.type.js";

@ObjectType({ simpleResolvers: true })
export class CreateUserPayload {
  @Field((_type) => User, { nullable: true, description: "Null on a dry run." })
  user: User | null;

  @Field((_type) => ProvisioningStrategy)
  strategy: ProvisioningStrategy;

  @Field((_type) => PhoneNumber, { nullable: true, description: "The direct number given (or that would be given)." })
  phoneNumber: PhoneNumber | null;

  @Field((_type) => Capacity, { description: "The account's capacity after the change." })
  capacity: Capacity;

  @Field((_type) => Boolean)
  dryRun: boolean;

  @Field((_type) => Boolean, {
    description: "True when this is the stored result of an earlier call with the same key.",
  })
  replayed: boolean;

  @Field((_type) => [String], { description: "What went less than perfectly, e.g. NO_NUMBER_IN_INVENTORY." })
  warnings: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: "Why one item of a batch failed: the same codes as top-level errors.",
})
export class ProvisioningItemError {
  @Field((_type) => String)
  code: string;

  @Field((_type) => String)
  message: string;

  @Field((_type) => String, { nullable: true })
  field: string | null;
}

@ObjectType({ simpleResolvers: true })
export class CreateUsersItemResult {
  @Field((_type) => Int)
  index: number;

  @Field((_type) => User, { nullable: true })
  user: User | null;

  @Field((_type) => ProvisioningStrategy, { nullable: true })
  strategy: ProvisioningStrategy | null;

  @Field((_type) => PhoneNumber, { nullable: true })
  phoneNumber: PhoneNumber | null;

  @Field((_type) => ProvisioningItemError, { nullable: true })
  error: ProvisioningItemError | null;

  @Field((_type) => [String])
  warnings: string[];
}

@ObjectType({ simpleResolvers: true })
export class CreateUsersPayload {
  @Field((_type) => [CreateUsersItemResult])
  results: CreateUsersItemResult[];

  @Field((_type) => Int)
  succeeded: number;

  @Field((_type) => Int)
  failed: number;

  @Field((_type) => Capacity)
  capacity: Capacity;

  @Field((_type) => Boolean)
  dryRun: boolean;

  @Field((_type) => Boolean)
  replayed: boolean;
}

@ObjectType({ simpleResolvers: true })
export class PhoneNumberPayload {
  @Field((_type) => PhoneNumber)
  phoneNumber: PhoneNumber;

  @Field((_type) => Capacity)
  capacity: Capacity;

  @Field((_type) => Boolean)
  dryRun: boolean;

  @Field((_type) => Boolean)
  replayed: boolean;
}

@ObjectType({ simpleResolvers: true })
export class DeleteUserPayload {
  @Field((_type) => String)
  deletedUserId: string;

  @Field((_type) => SeatOutcome, { nullable: true, description: "Null on a dry run when the plan does not tell." })
  seat: SeatOutcome | null;

  @Field((_type) => Capacity)
  capacity: Capacity;

  @Field((_type) => Boolean)
  dryRun: boolean;

  @Field((_type) => Boolean)
  replayed: boolean;
}

@ObjectType({ simpleResolvers: true })
export class CapacityThresholdsPayload {
  @Field((_type) => CapacityThresholds)
  thresholds: CapacityThresholds;

  @Field((_type) => Capacity)
  capacity: Capacity;
}

@ObjectType({ simpleResolvers: true, description: "How many of `requested` people could be seated now, and how." })
export class ProvisioningPlan {
  @Field((_type) => Int)
  requested: number;

  @Field((_type) => Int, { description: "Given an existing Unassigned seat." })
  viaUnassigned: number;

  @Field((_type) => Int, { description: "Given a new extension." })
  viaNewExtension: number;

  @Field((_type) => Int)
  blocked: number;

  @Field((_type) => String, { nullable: true, description: "LIMIT_REACHED when some are blocked." })
  blockedReason: string | null;

  @Field((_type) => Int, { nullable: true })
  limit: number | null;

  @Field((_type) => LimitSource)
  limitSource: LimitSource;

  @Field((_type) => Remediation, { nullable: true })
  remediation: Remediation | null;
}
