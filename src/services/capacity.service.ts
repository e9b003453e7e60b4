import { computeCapacity } from "../domain/capacity/compute-capacity.js";
import { countPhoneNumbers } from "../domain/capacity/counts.js";
import type { Capacity } from "../domain/capacity/types.js";
import type { Extension, Observed, PhoneNumber } from "../domain/directory.js";
import type { DirectoryReader } from "./directory-reader.js";
import type { PolicyProvider } from "./policy-provider.js";

/** Reads an account through the datasource (cached) and derives its capacity with the pure domain. */
export class CapacityService {
  constructor(
    private readonly directory: DirectoryReader,
    private readonly policies: PolicyProvider,
  ) {}

  async capacityOf(accountId: string): Promise<Capacity> {
    return (await this.assess(accountId)).capacity;
  }

  /** The capacity with the lists it was derived from, for callers that need both (one read of each). */
  async assess(accountId: string): Promise<AccountAssessment> {
    const [info, extensions, phoneNumbers, policy] = await Promise.all([
      this.directory.account(accountId),
      this.directory.extensions(accountId),
      this.directory.phoneNumbers(accountId),
      this.policies.policyFor(accountId),
    ]);
    const snapshot = {
      extensions: extensions.value,
      plan: { name: info.value.plan.name, edition: info.value.plan.edition, serverUrl: info.value.serverUrl },
      phoneNumbers: countPhoneNumbers(
        phoneNumbers.value.map((n) => ({ usageType: n.usageType, extensionId: n.extensionRcId })),
      ),
    };
    const reads: Observed<unknown>[] = [info, extensions, phoneNumbers];
    return {
      capacity: computeCapacity(
        snapshot,
        policy,
        oldestObservation(reads),
        reads.some((r) => r.stale),
      ),
      extensions: extensions.value,
      phoneNumbers: phoneNumbers.value,
    };
  }
}

export interface AccountAssessment {
  readonly capacity: Capacity;
  readonly extensions: Extension[];
  readonly phoneNumbers: PhoneNumber[];
}

/** A capacity is as old as the oldest read it is made of. */
function oldestObservation(reads: readonly Observed<unknown>[]): string {
  return reads.map((r) => r.observedAt).sort()[0]!;
}
