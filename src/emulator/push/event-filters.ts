import type { WireExtensionListChange } from "../../datasources/ringcentral.wire.js";
import { ApiHttpError } from "../errors.js";
import type { EmulatorState, ExtensionListEvent } from "../state.js";
import type { TokenOwner } from "../tokens.js";

/**
 * The event filters the emulator serves (REFERENCE.md §8.4): Extension List
 * `/restapi/v1.0/account/{accountId}/extension` and Extension Info `/restapi/v1.0/account/{accountId}/extension/{extensionId}`.
 * `uri` is the filter with `~` expanded to numeric ids: what a subscription echoes and what `event` carries.
 */
export type EventFilter =
  | { readonly kind: "extensionList"; readonly uri: string; readonly accountId: string }
  | { readonly kind: "extensionInfo"; readonly uri: string; readonly accountId: string; readonly extensionId: string };

const FILTER_PATTERN = /^\/restapi\/v1\.0\/account\/([^/?#]+)\/extension(?:\/([^/?#]+))?$/;

/**
 * Parses and checks a subscription's event filters for `owner`; duplicates collapse.
 * Throws 400 SUB-508 naming every filter the emulator does not know, 403 SUB-406 for another account's filter,
 * 403 SUB-408 for an extension the account does not have.
 */
export function parseEventFilters(filters: readonly string[], owner: TokenOwner, state: EmulatorState): EventFilter[] {
  const invalid = filters.filter((filter) => !FILTER_PATTERN.test(filter));
  if (invalid.length > 0) {
    throw new ApiHttpError(
      400,
      "SUB-508",
      `Invalid event filters: [${invalid.join(", ")}]`,
      "eventFilters",
      invalid[0],
    );
  }
  const parsed = new Map<string, EventFilter>();
  for (const filter of filters) {
    const [, account = "", extension] = FILTER_PATTERN.exec(filter) ?? [];
    if (account !== "~" && account !== owner.accountId) {
      throw new ApiHttpError(403, "SUB-406", `Event filter of another account is not allowed: [${filter}]`);
    }
    const accountId = owner.accountId;
    if (extension === undefined) {
      const uri = `/restapi/v1.0/account/${accountId}/extension`;
      parsed.set(uri, { kind: "extensionList", uri, accountId });
      continue;
    }
    const extensionId = extension === "~" ? owner.extensionId : extension;
    if (!state.account(accountId).extensions.has(extensionId)) {
      throw new ApiHttpError(403, "SUB-408", `Extension of event filter is not found: [${filter}]`);
    }
    const uri = `/restapi/v1.0/account/${accountId}/extension/${extensionId}`;
    parsed.set(uri, { kind: "extensionInfo", uri, accountId, extensionId });
  }
  return [...parsed.values()];
}

/**
 * The notification bodies one filter yields for one change event: one Extension List body with every change in
 * `extensions[]`, or one flat Extension Info body per change of that extension. Empty when the filter does not match.
 */
export function bodiesFor(filter: EventFilter, event: ExtensionListEvent): unknown[] {
  if (filter.accountId !== event.accountId) return [];
  if (filter.kind === "extensionList") return [{ extensions: event.changes.map(copyChange) }];
  return event.changes.filter((change) => change.extensionId === filter.extensionId).map(copyChange);
}

function copyChange(change: WireExtensionListChange): WireExtensionListChange {
  return {
    extensionId: change.extensionId,
    eventType: change.eventType,
    ...(change.hints === undefined ? {} : { hints: [...change.hints] }),
  };
}
