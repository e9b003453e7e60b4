import express, { Router, type Request } from "express";
import type { EmulatorContext } from "../context.js";
import type { EmulatorControls } from "../controls.js";
import { asObject, invalidParameter } from "../errors.js";
import { controlRequest, pathParam } from "../pipeline.js";
import type { SeedPlan } from "../seed.js";
import type { NewPerson } from "../state.js";

/**
 * `/emulator/*`: the controls over HTTP, for developers running the emulator standalone. No auth, no rate
 * limit, not part of RingCentral's surface. Errors use RingCentral's error body.
 */
export function controlRoutes(ctx: EmulatorContext, controls: EmulatorControls): Router {
  const router = Router();
  router.use("/emulator", controlRequest, express.json());

  router.get("/emulator/accounts", (_req, res) => {
    res.json({
      accounts: [...ctx.state.accounts.values()].map((account) => {
        const users = [...account.extensions.values()].filter((e) => e.type === "User");
        const unassigned = users.filter((e) => e.status === "Unassigned").length;
        return {
          id: account.id,
          companyName: account.companyName,
          clientId: account.credentials.clientId,
          plan: account.plan,
          userExtensions: { total: users.length, used: users.length - unassigned, unassigned },
        };
      }),
    });
  });

  router.post("/emulator/accounts/:id/licenses", (req, res) => {
    const count = numberField(req, "count");
    res.json({ extensions: controls.buyLicenses(accountIdOf(req), count) });
  });

  router.put("/emulator/accounts/:id/plan", (req, res) => {
    res.json(controls.setPlan(accountIdOf(req), objectBody(req) as Partial<SeedPlan>));
  });

  router.post("/emulator/accounts/:id/users", (req, res) => {
    const person = objectBody(req);
    if (typeof person["firstName"] !== "string") throw invalidParameter("firstName");
    if (typeof person["email"] !== "string") throw invalidParameter("email");
    res.json(controls.addUser(accountIdOf(req), person as unknown as NewPerson));
  });

  router.delete("/emulator/accounts/:id/users/:extensionId", (req, res) => {
    controls.removeUser(accountIdOf(req), pathParam(req, "extensionId"));
    res.status(204).end();
  });

  router.post("/emulator/faults", (req, res) => {
    const body = objectBody(req);
    const operationId = typeof body["operationId"] === "string" ? body["operationId"] : undefined;
    const count = typeof body["count"] === "number" ? body["count"] : 1;
    switch (body["kind"]) {
      case "latency":
        controls.faults.setLatency(numberField(req, "ms"));
        break;
      case "fail":
        controls.faults.failNext(count, {
          ...(typeof body["status"] === "number" ? { status: body["status"] } : {}),
          ...(operationId === undefined ? {} : { operationId }),
        });
        break;
      case "reset":
        controls.faults.resetNext(count, operationId === undefined ? {} : { operationId });
        break;
      case "rateLimit":
        controls.faults.rateLimitNext(count, {
          ...(typeof body["retryAfterSeconds"] === "number" ? { retryAfterSeconds: body["retryAfterSeconds"] } : {}),
          ...(operationId === undefined ? {} : { operationId }),
        });
        break;
      default:
        throw invalidParameter("kind");
    }
    res.status(204).end();
  });

  router.delete("/emulator/faults", (_req, res) => {
    controls.faults.clear();
    res.status(204).end();
  });

  router.post("/emulator/tokens/expire", (_req, res) => {
    controls.expireTokens();
    res.status(204).end();
  });

  router.post("/emulator/rate-limits/reset", (_req, res) => {
    controls.resetRateLimits();
    res.status(204).end();
  });

  router.get("/emulator/requests", (_req, res) => {
    res.json({ entries: ctx.requestLog.entries });
  });

  router.delete("/emulator/requests", (_req, res) => {
    ctx.requestLog.clear();
    res.status(204).end();
  });

  return router;
}

function accountIdOf(req: Request): string {
  return pathParam(req, "id");
}

function objectBody(req: Request): Record<string, unknown> {
  return asObject(req.body, "body");
}

function numberField(req: Request, name: string): number {
  const value = objectBody(req)[name];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw invalidParameter(name);
  return value;
}
