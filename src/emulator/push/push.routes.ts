import { Router, type Request } from "express";
import type { EmulatorContext } from "../context.js";
import { noteAccount, operation, originOf, ownerOf, pathParam } from "../pipeline.js";
import type { SubscriptionService } from "./subscription-service.js";
import { WEBSOCKET_PATH, type WebSocketGateway } from "./websocket-gateway.js";
import type { WireWsToken } from "./wire.js";

/**
 * `POST /restapi/oauth/wstoken` and the subscription API over HTTP. They run through the same pipeline as every
 * RingCentral route (request log, faults, bearer auth, rate limits), with the spec's throttling groups.
 */
export function pushRoutes(ctx: EmulatorContext, service: SubscriptionService, gateway: WebSocketGateway): Router {
  const router = Router();

  router.post("/restapi/oauth/wstoken", ...operation(ctx, "authWsToken", "Auth"), (req, res) => {
    const owner = ownerOf(res);
    noteAccount(res, owner.accountId);
    const { token, expiresIn } = gateway.issueToken(owner);
    const scheme = req.protocol === "https" ? "wss" : "ws";
    const body: WireWsToken = {
      uri: `${scheme}://${req.get("host") ?? "127.0.0.1"}${WEBSOCKET_PATH}`,
      ws_access_token: token,
      expires_in: expiresIn,
    };
    res.json(body);
  });

  router.post("/restapi/v1.0/subscription", ...operation(ctx, "createSubscription", "Medium"), async (req, res) => {
    const owner = ownerOf(res);
    noteAccount(res, owner.accountId);
    res.status(200).json(await service.create(owner, req.body, originOf(req), { via: "http" }));
  });

  router.get("/restapi/v1.0/subscription", ...operation(ctx, "listSubscriptions", "Light"), (req, res) => {
    const owner = ownerOf(res);
    noteAccount(res, owner.accountId);
    res.json(service.list(owner, originOf(req)));
  });

  const one = "/restapi/v1.0/subscription/:subscriptionId";

  router.get(one, ...operation(ctx, "readSubscription", "Light"), (req, res) => {
    res.json(service.read(caller(res), idOf(req), originOf(req)));
  });

  router.put(one, ...operation(ctx, "updateSubscription", "Medium"), (req, res) => {
    res.json(service.update(caller(res), idOf(req), req.body, originOf(req)));
  });

  router.delete(one, ...operation(ctx, "deleteSubscription", "Medium"), (req, res) => {
    service.delete(caller(res), idOf(req));
    res.status(204).end();
  });

  router.post(`${one}/renew`, ...operation(ctx, "renewSubscription", "Light"), (req, res) => {
    res.json(service.renew(caller(res), idOf(req), originOf(req)));
  });

  return router;
}

function caller(res: Parameters<typeof ownerOf>[0]) {
  const owner = ownerOf(res);
  noteAccount(res, owner.accountId);
  return owner;
}

function idOf(req: Request): string {
  return pathParam(req, "subscriptionId");
}
