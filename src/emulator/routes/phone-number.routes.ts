import { Router } from "express";
import type { PhoneNumberUsageTypeV2 } from "../../datasources/ringcentral.wire.js";
import type { EmulatorContext } from "../context.js";
import { isRecord } from "../../json.js";
import { invalidParameter } from "../errors.js";
import { operation, originOf, pathParam, resolveAccountId } from "../pipeline.js";
import { enumValues, pageRequest, requestUrl } from "../query.js";
import { navigation, paginate, toV1PhoneNumber, toV1UsageType, toV2PhoneNumber } from "../serialize.js";

const V1_USAGE_TYPES = [
  "MainCompanyNumber",
  "AdditionalCompanyNumber",
  "CompanyNumber",
  "DirectNumber",
  "CompanyFaxNumber",
  "FmcBusinessMobileNumber",
  "InventoryFmcBusinessMobileNumber",
  "ForwardedNumber",
  "ForwardedCompanyNumber",
  "ContactCenterNumber",
  "ConferencingNumber",
  "MeetingsNumber",
  "NumberPool",
  "BusinessMobileNumber",
  "ELIN",
  "PartnerBusinessMobileNumber",
  "NumberPoolPartnerBusinessMobileNumber",
  "NumberStorage",
  "IntegrationNumber",
  "InventoryMobileNumber",
] as const;

const V2_USAGE_TYPES = [
  "MainCompanyNumber",
  "DirectNumber",
  "Inventory",
  "InventoryPartnerBusinessMobileNumber",
  "InventoryFmcBusinessMobileNumber",
  "PartnerBusinessMobileNumber",
  "AdditionalCompanyNumber",
  "CompanyNumber",
  "PhoneLine",
  "CompanyFaxNumber",
  "ForwardedNumber",
  "ForwardedCompanyNumber",
  "ContactCenterNumber",
  "ConferencingNumber",
  "MeetingsNumber",
  "NumberStorage",
  "BusinessMobileNumber",
  "FmcBusinessMobileNumber",
  "ELIN",
  "InventoryMobileNumber",
] as const;

/**
 * Target usage types the emulator's PATCH accepts: the spec's `CompanyNumber | DirectNumber |
 * ContactCenterNumber`, plus `Inventory` (emulator extension: back to stock). `MainCompanyNumber` is refused.
 */
const ASSIGNABLE = ["CompanyNumber", "DirectNumber", "ContactCenterNumber", "Inventory"] as const;
const NUMBER_TYPES = ["VoiceFax", "VoiceOnly", "FaxOnly"] as const;

/** Company phone numbers: v1 list, v2 list and v2 assign. */
export function phoneNumberRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const { state } = ctx;

  router.get(
    "/restapi/v1.0/account/:accountId/phone-number",
    ...operation(ctx, "listAccountPhoneNumbers", "Heavy"),
    (req, res) => {
      const account = state.account(resolveAccountId(req, res));
      const origin = originOf(req);
      const url = requestUrl(req, origin, `/restapi/v1.0/account/${account.id}/phone-number`);
      const usageTypes = enumValues(url, "usageType", V1_USAGE_TYPES);
      const { page, perPage } = pageRequest(url);
      // Filtered and paged as records; only the page is serialized.
      const matching = [...account.phoneNumbers.values()].filter(
        (n) => usageTypes.length === 0 || (usageTypes as readonly string[]).includes(toV1UsageType(n)),
      );
      const result = paginate(matching, page, perPage);
      res.json({
        uri: url.toString(),
        records: result.records.map((n) => toV1PhoneNumber(origin, account, n)),
        paging: result.paging,
        navigation: navigation(url, page, result.totalPages, perPage),
      });
    },
  );

  router.get(
    "/restapi/v2/accounts/:accountId/phone-numbers",
    ...operation(ctx, "listAccountPhoneNumbersV2", "Heavy"),
    (req, res) => {
      const account = state.account(resolveAccountId(req, res));
      const url = requestUrl(req, originOf(req));
      const usageTypes = enumValues(url, "usageType", V2_USAGE_TYPES);
      const types = enumValues(url, "type", NUMBER_TYPES);
      const { page, perPage } = pageRequest(url);
      const matching = [...account.phoneNumbers.values()].filter(
        (n) =>
          (usageTypes.length === 0 || (usageTypes as readonly string[]).includes(n.usageType)) &&
          (types.length === 0 || types.includes(n.type)),
      );
      const result = paginate(matching, page, perPage);
      res.json({ records: result.records.map((n) => toV2PhoneNumber(account, n)), paging: result.paging });
    },
  );

  router.patch(
    "/restapi/v2/accounts/:accountId/phone-numbers/:phoneNumberId",
    ...operation(ctx, "assignPhoneNumberV2", "Medium"),
    (req, res) => {
      const accountId = resolveAccountId(req, res);
      const phoneNumberId = pathParam(req, "phoneNumberId");
      const body: unknown = req.body;
      if (typeof body !== "object" || body === null) throw invalidParameter("usageType");
      const { usageType, extension, type } = body as Record<string, unknown>;
      if (typeof usageType !== "string" || !(ASSIGNABLE as readonly string[]).includes(usageType)) {
        throw invalidParameter("usageType", typeof usageType === "string" ? usageType : undefined);
      }
      if (type !== undefined && !(NUMBER_TYPES as readonly unknown[]).includes(type)) {
        throw invalidParameter("type", String(type));
      }
      const extensionId = isRecord(extension) ? extension["id"] : undefined;
      if (extension !== undefined && typeof extensionId !== "string") throw invalidParameter("extension.id");
      const needsExtension = usageType === "DirectNumber";
      if (needsExtension !== (extensionId !== undefined)) throw invalidParameter("extension.id");
      const current = state.account(accountId).phoneNumbers.get(phoneNumberId);
      if (current?.usageType === "MainCompanyNumber") throw invalidParameter("phoneNumberId", phoneNumberId);
      const number = state.assignPhoneNumber(accountId, phoneNumberId, {
        usageType: usageType as PhoneNumberUsageTypeV2,
        extensionId: extensionId as string | undefined,
        type: type as (typeof NUMBER_TYPES)[number] | undefined,
      });
      res.json(toV2PhoneNumber(state.account(accountId), number));
    },
  );

  return router;
}
