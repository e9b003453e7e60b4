import express, { Router, type Request } from "express";
import { asObject, invalidParameter } from "../errors.js";
import { controlRequest, pathParam } from "../pipeline.js";
import type { PushControls } from "./push-controls.js";

/** `/emulator/push/*`: the push controls over HTTP. No auth, no rate limit, logged as `emulatorControl`. */
export function pushControlRoutes(controls: PushControls): Router {
  const router = Router();
  router.use("/emulator/push", controlRequest, express.json());

  router.post("/emulator/push/pause", (_req, res) => {
    controls.pause();
    res.status(204).end();
  });

  router.post("/emulator/push/resume", (_req, res) => {
    controls.resume();
    res.status(204).end();
  });

  router.post("/emulator/push/drop", (req, res) => {
    const body = objectBody(req);
    const count = body["count"] ?? 1;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) throw invalidParameter("count");
    const subscriptionId = body["subscriptionId"];
    if (subscriptionId !== undefined && typeof subscriptionId !== "string") throw invalidParameter("subscriptionId");
    controls.dropNext(count, subscriptionId === undefined ? {} : { subscriptionId });
    res.status(204).end();
  });

  router.get("/emulator/push/subscriptions", (_req, res) => {
    res.json({ paused: controls.isPaused(), subscriptions: controls.subscriptions() });
  });

  router.post("/emulator/push/subscriptions/:subscriptionId/expire", (req, res) => {
    controls.expireSubscription(pathParam(req, "subscriptionId"));
    res.status(204).end();
  });

  router.get("/emulator/push/deliveries", (_req, res) => {
    res.json({ deliveries: controls.deliveries });
  });

  router.delete("/emulator/push/deliveries", (_req, res) => {
    controls.clearDeliveries();
    res.status(204).end();
  });

  router.post("/emulator/push/disconnect", (_req, res) => {
    res.json({ disconnected: controls.disconnectWebSockets() });
  });

  return router;
}

function objectBody(req: Request): Record<string, unknown> {
  return asObject(req.body ?? {}, "body");
}
