import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum LimitSource {
  CONFIGURED = "CONFIGURED",
  PLAN = "PLAN",
  LICENSES = "LICENSES",
  UNLIMITED = "UNLIMITED",
}

export enum CapacityLevel {
  OK = "OK",
  WARNING = "WARNING",
  CRITICAL = "CRITICAL",
  EXHAUSTED = "EXHAUSTED",
}

export enum RemediationKind {
  CONTACT_DEVELOPER_SUPPORT = "CONTACT_DEVELOPER_SUPPORT",
  UPGRADE_PLAN = "UPGRADE_PLAN",
  BUY_LICENSES = "BUY_LICENSES",
}

registerEnumType(LimitSource, { name: "LimitSource" });
registerEnumType(CapacityLevel, { name: "CapacityLevel" });
registerEnumType(RemediationKind, { name: "RemediationKind" });

// Mirrors src/schema/capacity.type.ts (simpleResolvers included) without importing the service under construction.

@ObjectType({ simpleResolvers: true })
export class PhoneNumberCapacity {
  @Field((_type) => Int)
  inventory: number;

  @Field((_type) => Int)
  assigned: number;
}

@ObjectType({ simpleResolvers: true })
export class Remediation {
  @Field((_type) => RemediationKind)
  kind: RemediationKind;

  @Field((_type) => String)
  message: string;
}

@ObjectType({ simpleResolvers: true })
export class Capacity {
  @Field((_type) => Int, { nullable: true })
  limit: number | null;

  @Field((_type) => LimitSource)
  limitSource: LimitSource;

  @Field((_type) => Int)
  used: number;

  @Field((_type) => Int)
  unassigned: number;

  @Field((_type) => Int, { nullable: true })
  available: number | null;

  @Field((_type) => Float, { nullable: true })
  utilization: number | null;

  @Field((_type) => CapacityLevel)
  level: CapacityLevel;

  @Field((_type) => Remediation, { nullable: true })
  remediation: Remediation | null;

  @Field((_type) => PhoneNumberCapacity)
  phoneNumbers: PhoneNumberCapacity;

  @Field((_type) => String)
  observedAt: string;

  @Field((_type) => Boolean)
  stale: boolean;
}

@ObjectType({ simpleResolvers: true })
export class CapacityChanged {
  @Field((_type) => ID)
  accountId: string;

  @Field((_type) => Boolean, { description: "True for the current state, sent first." })
  initial: boolean;

  @Field((_type) => Capacity)
  capacity: Capacity;
}
