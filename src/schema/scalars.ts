import { GraphQLScalarType } from "graphql";
import { DateTimeISOResolver, EmailAddressResolver, PhoneNumberResolver } from "graphql-scalars";

/** Scalars from graphql-scalars where RingCentral's fields have a well-known format. */

export const DateTime = new GraphQLScalarType({ ...DateTimeISOResolver.toConfig(), name: "DateTime" });

export const EmailAddress = EmailAddressResolver;

/** Renamed: `PhoneNumber` is our object type. */
export const E164 = new GraphQLScalarType({
  ...PhoneNumberResolver.toConfig(),
  name: "E164",
  description: "A phone number in E.164 form, e.g. +16505550100.",
});
