import { Router } from "express";
import type { EmulatorContext } from "../context.js";
import { operation, originOf, resolveAccountId } from "../pipeline.js";
import { toAccountInfo, toServiceInfo } from "../serialize.js";

/** `GET /restapi/v1.0/account/{accountId}` and `.../service-info`: the account and its plan. */
export function accountRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  router.get("/restapi/v1.0/account/:accountId", ...operation(ctx, "readAccountInfo", "Light"), (req, res) => {
    const account = ctx.state.account(resolveAccountId(req, res));
    res.json(toAccountInfo(originOf(req), account));
  });

  router.get(
    "/restapi/v1.0/account/:accountId/service-info",
    ...operation(ctx, "readAccountServiceInfo", "Light"),
    (req, res) => {
      const account = ctx.state.account(resolveAccountId(req, res));
      res.json(toServiceInfo(originOf(req), account));
    },
  );

  return router;
}
