import { InvalidInputError } from "../../errors.js";

export type PhoneNumberChoiceValue = "AUTO" | "SPECIFIC" | "NONE";

export interface PersonFields {
  firstName: string;
  lastName: string;
  email: string;
  extensionNumber?: string | null;
  department?: string | null;
  status: "NotActivated" | "Enabled";
  phoneNumber: PhoneNumberChoiceValue;
  phoneNumberId?: string | null;
}

/** A person's fields, trimmed and checked; `email` lower-cased for comparisons. */
export interface ValidPerson {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly extensionNumber: string | null;
  readonly department: string | null;
  readonly status: "NotActivated" | "Enabled";
  readonly phoneNumber: PhoneNumberChoiceValue;
  readonly phoneNumberId: string | null;
}

// RingCentral's limits (ContactInfo: names ≤ 64, email ≤ 254; batch provisioning: extension numbers of 3–8 digits).
const MAX_NAME_LENGTH = 64;
const MAX_EMAIL_LENGTH = 254;
const MAX_DEPARTMENT_LENGTH = 128;
const EXTENSION_NUMBER = /^\d{3,8}$/;
// Deliberately plain: one @, no spaces, a dot in the domain. RingCentral has the final word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** @throws InvalidInputError naming the field, e.g. `input.email` or `input.users[2].extensionNumber`. */
export function validatePerson(person: PersonFields, path: string): ValidPerson {
  const firstName = requiredText(person.firstName, `${path}.firstName`, MAX_NAME_LENGTH);
  const lastName = requiredText(person.lastName, `${path}.lastName`, MAX_NAME_LENGTH);
  const email = person.email.trim();
  if (!EMAIL.test(email) || email.length > MAX_EMAIL_LENGTH) {
    throw new InvalidInputError(`${path}.email`, `${path}.email is not a valid email address`);
  }
  const extensionNumber = person.extensionNumber?.trim() || null;
  if (extensionNumber !== null && !EXTENSION_NUMBER.test(extensionNumber)) {
    throw new InvalidInputError(`${path}.extensionNumber`, `${path}.extensionNumber must be 3 to 8 digits`);
  }
  const department = person.department?.trim() || null;
  if (department !== null && department.length > MAX_DEPARTMENT_LENGTH) {
    throw new InvalidInputError(`${path}.department`, `${path}.department is longer than ${MAX_DEPARTMENT_LENGTH}`);
  }
  const phoneNumberId = person.phoneNumberId?.trim() || null;
  if (person.phoneNumber === "SPECIFIC" && phoneNumberId === null) {
    throw new InvalidInputError(
      `${path}.phoneNumberId`,
      `${path}.phoneNumberId is required with phoneNumber: SPECIFIC`,
    );
  }
  if (person.phoneNumber !== "SPECIFIC" && phoneNumberId !== null) {
    throw new InvalidInputError(`${path}.phoneNumberId`, `${path}.phoneNumberId needs phoneNumber: SPECIFIC`);
  }
  return {
    firstName,
    lastName,
    email,
    extensionNumber,
    department,
    status: person.status,
    phoneNumber: person.phoneNumber,
    phoneNumberId,
  };
}

function requiredText(value: string, field: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new InvalidInputError(field, `${field} must not be empty`);
  if (trimmed.length > maxLength) throw new InvalidInputError(field, `${field} is longer than ${maxLength}`);
  return trimmed;
}
