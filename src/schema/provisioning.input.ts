import { Field, ID, InputType, Int } from "type-graphql";
import { NewUserStatus, PhoneNumberChoice } from "./enums.js";

/**
 * Strings, not scalars, for emails and numbers: the service validates them and names the field in a
 * BAD_USER_INPUT error, whether they come inline or as variables.
 */
@InputType({ description: "A person to seat." })
export class PersonInput {
  @Field((_type) => String)
  firstName: string;

  @Field((_type) => String)
  lastName: string;

  @Field((_type) => String)
  email: string;

  @Field((_type) => String, { nullable: true, description: "3 to 8 digits; RingCentral picks one when absent." })
  extensionNumber?: string | null;

  @Field((_type) => String, { nullable: true })
  department?: string | null;

  @Field((_type) => NewUserStatus, { defaultValue: NewUserStatus.NotActivated })
  status: NewUserStatus;

  @Field((_type) => PhoneNumberChoice, { defaultValue: PhoneNumberChoice.AUTO })
  phoneNumber: PhoneNumberChoice;

  @Field((_type) => ID, { nullable: true, description: "With phoneNumber: SPECIFIC." })
  phoneNumberId?: string | null;
}

/** What every provisioning mutation takes besides its own fields. */
@InputType()
export class ProvisioningInput {
  @Field((_type) => ID, { description: "RingCentral account id or Account global id." })
  accountId: string;

  @Field((_type) => String, { nullable: true, description: "Repeat with the same key to get the first result back." })
  idempotencyKey?: string | null;

  @Field((_type) => Boolean, { defaultValue: false, description: "Validate and plan, change nothing." })
  dryRun: boolean;
}

@InputType()
export class CreateUserInput extends PersonInput {
  @Field((_type) => ID, { description: "RingCentral account id or Account global id." })
  accountId: string;

  @Field((_type) => String, { nullable: true, description: "Repeat with the same key to get the first result back." })
  idempotencyKey?: string | null;

  @Field((_type) => Boolean, { defaultValue: false, description: "Validate and plan, change nothing." })
  dryRun: boolean;
}

@InputType()
export class AssignExtensionInput extends CreateUserInput {
  @Field((_type) => ID, { description: "An Unassigned extension of the account." })
  extensionId: string;
}

@InputType()
export class CreateUsersInput extends ProvisioningInput {
  @Field((_type) => [PersonInput], { description: "Up to 100 people." })
  users: PersonInput[];
}

@InputType()
export class AssignPhoneNumberInput extends ProvisioningInput {
  @Field((_type) => ID)
  phoneNumberId: string;

  @Field((_type) => ID)
  userId: string;
}

@InputType()
export class UnassignPhoneNumberInput extends ProvisioningInput {
  @Field((_type) => ID)
  phoneNumberId: string;
}

@InputType()
export class DeleteUserInput extends ProvisioningInput {
  @Field((_type) => ID)
  userId: string;
}

@InputType({ description: "Fields left out keep their current value." })
export class SetCapacityThresholdsInput {
  @Field((_type) => ID)
  accountId: string;

  @Field((_type) => Number, { nullable: true })
  warningUtilization?: number | null;

  @Field((_type) => Number, { nullable: true })
  criticalUtilization?: number | null;

  @Field((_type) => Int, { nullable: true })
  warningSeatsLeft?: number | null;

  @Field((_type) => Int, { nullable: true })
  criticalSeatsLeft?: number | null;
}
