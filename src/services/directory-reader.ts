import type { AccountInfo, Extension, Observed, PhoneNumber } from "../domain/directory.js";

/** The read side of the RingCentral datasource, as the services use it. */
export interface DirectoryReader {
  accountInfo(accountId: string): Promise<Observed<AccountInfo>>;
  /** The account without its name (which may take another lookup). */
  account(accountId: string): Promise<Observed<Omit<AccountInfo, "name">>>;
  extensions(accountId: string): Promise<Observed<Extension[]>>;
  phoneNumbers(accountId: string): Promise<Observed<PhoneNumber[]>>;
}
