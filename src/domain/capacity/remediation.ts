import { UnreachableCaseError } from "../../errors.js";
import type { LimitSource, PlanKind, Remediation } from "./types.js";

/**
 * What to do when the seats run out, by where the limit comes from: a sandbox asks developer support, a plan cap
 * calls for an upgrade or the account manager, licences are bought in the admin portal, and a configured limit
 * follows the operator's contract. Null for an unlimited account. Independent of the current level, so a
 * dashboard can show it before it is needed.
 * @param planKind the matched plan-cap rule's kind; tells a sandbox from a production plan under source `PLAN`.
 */
export function remediationFor(
  limitSource: LimitSource,
  limit: number | null,
  planKind: PlanKind | null,
): Remediation | null {
  const seats = limit === null ? "" : ` (${limit} user extensions)`;
  switch (limitSource) {
    case "CONFIGURED":
      return {
        kind: "REVIEW_CONTRACT",
        message: `The limit${seats} is set by your operator from the account's contract; ask them to raise it once the contract allows more seats.`,
      };
    case "PLAN":
      return planKind === "SANDBOX"
        ? {
            kind: "CONTACT_DEVELOPER_SUPPORT",
            message: `Sandbox accounts are capped${seats}; ask RingCentral developer support to raise the cap, or delete users you no longer need.`,
          }
        : {
            kind: "UPGRADE_PLAN",
            message: `The plan is capped${seats}; upgrade the plan or ask your RingCentral account manager to raise the cap.`,
          };
    case "LICENSES":
      return {
        kind: "BUY_LICENSES",
        message: `Seats are bounded by the licences bought${seats}; buy licences in the RingCentral admin portal, they arrive as unassigned extensions ready to assign.`,
      };
    case "UNLIMITED":
      return null;
    default:
      throw new UnreachableCaseError(limitSource);
  }
}
