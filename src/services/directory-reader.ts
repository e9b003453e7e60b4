import type { AccountInfo, Extension, Observed, PhoneNumber } from "../domain/directory.js";

/** The read side of the RingCentral datasource, as the services use it. */
export interface DirectoryReader {
  accountInfo(accountId: string): Promise<Observed<AccountInfo>>;
  extensions(accountId: string): Promise<Observed<Extension[]>>;
  phoneNumbers(accountId: string): Promise<Observed<PhoneNumber[]>>;
}
