import { Field, Float, ID, ObjectType } from "type-graphql";
import { Capacity } from "./capacity.type.js";
import { AlertKind, CapacityLevel, ChangeCause, ExtensionChangeKind, LevelReason } from "./enums.js";
import { Extension } from "./extension.type.js";
import { DateTime } from "./scalars.js";

@ObjectType({ simpleResolvers: true, description: "Any capacity field of an account changed." })
export class CapacityChangedEvent {
  @Field((_type) => ID, { description: "The account's global id." })
  accountId: string;

  @Field((_type) => ID)
  rcAccountId: string;

  @Field((_type) => Capacity)
  capacity: Capacity;

  @Field((_type) => ChangeCause)
  cause: ChangeCause;

  @Field((_type) => Boolean, { description: "The state when the subscription started, not a change." })
  initial: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A capacity level transition: alerts are transitions, not states." })
export class CapacityAlertEvent {
  @Field((_type) => ID)
  accountId: string;

  @Field((_type) => ID)
  rcAccountId: string;

  @Field((_type) => AlertKind)
  kind: AlertKind;

  @Field((_type) => CapacityLevel)
  level: CapacityLevel;

  @Field((_type) => CapacityLevel, { nullable: true, description: "The level subscribers were last told of." })
  previousLevel: CapacityLevel | null;

  @Field((_type) => LevelReason, { nullable: true, description: "The main threshold crossed; null when resolved." })
  reason: LevelReason | null;

  @Field((_type) => Float, { nullable: true, description: "The value of that threshold (a ratio or a seat count)." })
  threshold: number | null;

  @Field((_type) => Capacity)
  capacity: Capacity;

  @Field((_type) => DateTime)
  at: string;

  @Field((_type) => Boolean)
  initial: boolean;
}

@ObjectType({ simpleResolvers: true })
export class ExtensionChangedEvent {
  @Field((_type) => ID)
  accountId: string;

  @Field((_type) => ID)
  rcAccountId: string;

  @Field((_type) => ExtensionChangeKind, { nullable: true, description: "Null on the initial event." })
  kind: ExtensionChangeKind | null;

  @Field((_type) => ID, { nullable: true, description: "The extension's global id (also after a delete)." })
  extensionId: string | null;

  @Field((_type) => Extension, { nullable: true, description: "The extension as it is now; null once deleted." })
  extension: Extension | null;

  @Field((_type) => ChangeCause)
  cause: ChangeCause;

  @Field((_type) => Boolean, {
    description: "One initial event per account marks the subscription as live; it carries no extension.",
  })
  initial: boolean;
}
