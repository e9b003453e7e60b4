import { Field, InputType } from "type-graphql";
import { ExtensionStatus } from "./enums.js";

@InputType()
export class UserFilter {
  @Field((_type) => [ExtensionStatus], { nullable: true, description: "Any of these statuses." })
  status?: ExtensionStatus[] | null;

  @Field((_type) => String, {
    nullable: true,
    description: "Case-insensitive match on name, email or extension number.",
  })
  search?: string | null;
}

@InputType()
export class ExtensionFilter {
  @Field((_type) => [String], {
    nullable: true,
    description: "Any of these RingCentral types (User, Department, ...).",
  })
  type?: string[] | null;

  @Field((_type) => [ExtensionStatus], { nullable: true })
  status?: ExtensionStatus[] | null;
}

@InputType()
export class PhoneNumberFilter {
  @Field((_type) => [String], { nullable: true, description: "Any of these RingCentral usage types." })
  usageType?: string[] | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: "Only assigned (true) or only unassigned (false) numbers.",
  })
  assigned?: boolean | null;
}
