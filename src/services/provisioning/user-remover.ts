import type { Capacity } from "../../domain/capacity/types.js";
import type { ProvisioningDeps } from "./provisioning-deps.js";
import { rcIdIn, requirePerson } from "./resolve-id.js";

export type SeatOutcome = "RETURNED_TO_UNASSIGNED" | "REMOVED";

export interface DeleteResult {
  readonly deletedUserRcId: string;
  /** Null on a dry run of a plan whose delete behaviour we cannot know in advance. */
  readonly seat: SeatOutcome | null;
  readonly capacity: Capacity;
  readonly dryRun: boolean;
}

/** Deletes users and tells what became of the seat: RingCentral keeps paid licences as `Unassigned` extensions. */
export class UserRemover {
  constructor(private readonly deps: ProvisioningDeps) {}

  async deleteUser(accountId: string, userId: string, dryRun: boolean): Promise<DeleteResult> {
    const rcId = rcIdIn(accountId, userId, "User", "input.userId");
    return this.deps.lock.withLock(accountId, async () => {
      const { capacity: before, extensions } = await this.deps.capacity.assess(accountId);
      await this.deps.changes.ensureBaseline(accountId, before);
      requirePerson(extensions, rcId, accountId);
      if (dryRun) {
        // Licence-bound plans keep the paid seat; plan-capped ones are observed to drop it. Others: unknown.
        const seat =
          before.limitSource === "LICENSES"
            ? "RETURNED_TO_UNASSIGNED"
            : before.limitSource === "PLAN"
              ? "REMOVED"
              : null;
        return { deletedUserRcId: rcId, seat, capacity: before, dryRun: true };
      }
      await this.deps.directory.deleteExtension(accountId, rcId);
      const after = await this.deps.changes.process(accountId, "MUTATION", [{ extensionRcId: rcId, kind: "DELETED" }]);
      return {
        deletedUserRcId: rcId,
        seat: after.unassigned > before.unassigned ? "RETURNED_TO_UNASSIGNED" : "REMOVED",
        capacity: after,
        dryRun: false,
      };
    });
  }
}
