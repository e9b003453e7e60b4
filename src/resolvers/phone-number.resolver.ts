import { FieldResolver, Resolver, Root } from "type-graphql";
import { Extension } from "../schema/extension.type.js";
import { PhoneNumber } from "../schema/phone-number.type.js";
import type { DirectoryReader } from "../services/directory-reader.js";
import { toExtension } from "./to-graphql.js";

@Resolver((_of) => PhoneNumber)
export class PhoneNumberResolver {
  constructor(private readonly directory: DirectoryReader) {}

  @FieldResolver((_returns) => Extension, {
    nullable: true,
    description: "The extension holding it; null in inventory.",
  })
  async extension(@Root() number: PhoneNumber): Promise<Extension | null> {
    if (number.extensionRcId === null) return null;
    const extension = (await this.directory.extensions(number.accountId)).value.find(
      (e) => e.rcId === number.extensionRcId,
    );
    return extension ? toExtension(number.accountId, extension) : null;
  }
}
