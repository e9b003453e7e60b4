import { Router } from "express";
import type { ExtensionStatus } from "../../datasources/ringcentral.wire.js";
import type { EmulatorContext } from "../context.js";
import { operation, originOf, resolveAccountId, resolveExtensionId } from "../pipeline.js";
import { enumValues, pageRequest, requestUrl } from "../query.js";
import { navigation, paginate, toExtensionInfo, toExtensionListItem } from "../serialize.js";
import { EmulatorRuleError } from "../state.js";
import { parseBulkDeleteRequest, parseCreateRequest, parseUpdateRequest } from "./extension.input.js";

const STATUSES = [
  "Enabled",
  "Disabled",
  "Frozen",
  "NotActivated",
  "Unassigned",
] as const satisfies readonly ExtensionStatus[];

/** `AllExtensionTypesEnum`: every type may be filtered on, even those no seed holds. */
const ALL_TYPES = [
  "User",
  "Department",
  "Announcement",
  "Voicemail",
  "DigitalUser",
  "VirtualUser",
  "FaxUser",
  "PagingOnly",
  "SharedLinesGroup",
  "DelegatedLinesGroup",
  "GroupCallPickup",
  "IvrMenu",
  "ApplicationExtension",
  "ProxyAdmin",
  "RoomConnector",
  "ParkLocation",
  "Limited",
  "Bot",
  "Site",
  "Room",
  "FlexibleUser",
  "TieLine",
  "Unknown",
] as const;

const EXTENSION = "/restapi/v1.0/account/:accountId/extension";

/** Extensions: v1 list/read/create/update/delete and the v2 bulk delete. */
export function extensionRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const { state } = ctx;

  router.get(EXTENSION, ...operation(ctx, "listExtensions", "Medium"), (req, res) => {
    const account = state.account(resolveAccountId(req, res));
    const origin = originOf(req);
    const url = requestUrl(req, origin, `/restapi/v1.0/account/${account.id}/extension`);
    const types = enumValues(url, "type", ALL_TYPES);
    const statuses = enumValues(url, "status", STATUSES);
    const emails = url.searchParams
      .getAll("email")
      .filter((e) => e !== "")
      .map((e) => e.toLowerCase());
    const extensionNumber = url.searchParams.get("extensionNumber") || undefined;
    const { page, perPage } = pageRequest(url);
    const matching = [...account.extensions.values()].filter(
      (e) =>
        (types.length === 0 || (types as readonly string[]).includes(e.type)) &&
        (statuses.length === 0 || statuses.includes(e.status)) &&
        (emails.length === 0 || (e.email !== undefined && emails.includes(e.email.toLowerCase()))) &&
        (extensionNumber === undefined || e.extensionNumber === extensionNumber),
    );
    const result = paginate(matching, page, perPage);
    res.json({
      uri: url.toString(),
      records: result.records.map((e) => toExtensionListItem(origin, account, e)),
      paging: result.paging,
      navigation: navigation(url, page, result.totalPages, perPage),
    });
  });

  router.post(EXTENSION, ...operation(ctx, "createExtension", "Medium"), (req, res) => {
    const accountId = resolveAccountId(req, res);
    const record = state.createExtension(accountId, parseCreateRequest(req.body));
    res.status(200).json(toExtensionInfo(originOf(req), state.account(accountId), record));
  });

  router.get(`${EXTENSION}/:extensionId`, ...operation(ctx, "readExtension", "Light"), (req, res) => {
    const accountId = resolveAccountId(req, res);
    const record = state.extension(accountId, resolveExtensionId(req, res));
    res.json(toExtensionInfo(originOf(req), state.account(accountId), record));
  });

  router.put(`${EXTENSION}/:extensionId`, ...operation(ctx, "updateExtension", "Medium"), (req, res) => {
    const accountId = resolveAccountId(req, res);
    const extensionId = resolveExtensionId(req, res);
    const current = state.extension(accountId, extensionId);
    const update = parseUpdateRequest(req.body, current.status === "Unassigned");
    const record = state.updateExtension(accountId, extensionId, update);
    res.json(toExtensionInfo(originOf(req), state.account(accountId), record));
  });

  router.delete(`${EXTENSION}/:extensionId`, ...operation(ctx, "deleteExtension", "Medium"), (req, res) => {
    const accountId = resolveAccountId(req, res);
    state.deleteExtension(accountId, resolveExtensionId(req, res));
    res.status(204).end();
  });

  router.delete(
    "/restapi/v2/accounts/:accountId/extensions",
    ...operation(ctx, "bulkDeleteUsersV2", "Heavy"),
    (req, res) => {
      const accountId = resolveAccountId(req, res);
      const { ids } = parseBulkDeleteRequest(req.body);
      const records = ids.map((id) => {
        try {
          const extension = state.extension(accountId, id);
          if (extension.type !== "User" && extension.type !== "Limited") {
            return failed(id, "CMN-101", "Parameter [id] value is invalid.");
          }
          state.deleteExtension(accountId, id);
          return { id, bulkItemSuccessful: true };
        } catch (error) {
          if (error instanceof EmulatorRuleError) return failed(id, error.errorCode, error.message);
          throw error;
        }
      });
      res.json({ records });
    },
  );

  return router;
}

function failed(id: string, errorCode: string, message: string) {
  return { id, bulkItemSuccessful: false, bulkItemErrors: [{ errorCode, message }] };
}
