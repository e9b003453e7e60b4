import type { RingCentralDataSource } from "../../datasources/ringcentral.datasource.js";
import type { AccountChangeProcessor } from "../../events/account-change-processor.js";
import type { Logger } from "../../logger.js";
import type { AccountLock } from "../../stores/account-lock.js";
import type { CapacityService } from "../capacity.service.js";

/** What the provisioning services share; built once by `createServer`. */
export interface ProvisioningDeps {
  readonly directory: Pick<
    RingCentralDataSource,
    | "extensions"
    | "phoneNumbers"
    | "invalidate"
    | "createExtension"
    | "updateExtension"
    | "deleteExtension"
    | "assignPhoneNumber"
  >;
  readonly capacity: CapacityService;
  readonly lock: AccountLock;
  readonly changes: AccountChangeProcessor;
  readonly logger: Logger;
}
