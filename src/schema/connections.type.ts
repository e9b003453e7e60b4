import { ObjectType } from "type-graphql";
import { Connection } from "./connection.js";
import { Extension } from "./extension.type.js";
import { PhoneNumber } from "./phone-number.type.js";
import { User } from "./user.type.js";

@ObjectType({ simpleResolvers: true })
export class UserConnection extends Connection(() => User, "User") {}

@ObjectType({ simpleResolvers: true })
export class ExtensionConnection extends Connection(() => Extension, "Extension") {}

@ObjectType({ simpleResolvers: true })
export class PhoneNumberConnection extends Connection(() => PhoneNumber, "PhoneNumber") {}
