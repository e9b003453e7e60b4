import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { PhoneNumber } from "../schema/phone-number.type.js";
import { User } from "../schema/user.type.js";
import { toPhoneNumber } from "./to-graphql.js";

@Resolver((_of) => User)
export class UserResolver {
  @FieldResolver((_returns) => [PhoneNumber], { description: "Numbers assigned to this user's extension." })
  async phoneNumbers(@Root() user: User, @Ctx() { loaders }: Context): Promise<PhoneNumber[]> {
    const numbers = await loaders.phoneNumbersByExtension.load(`${user.accountId}:${user.rcId}`);
    return numbers.map((n) => toPhoneNumber(user.accountId, n));
  }
}
