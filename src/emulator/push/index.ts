import type { EmulatorMount } from "../emulator.js";
import { PushDispatcher } from "./dispatcher.js";
import { createPushControls } from "./push-controls.js";
import { pushControlRoutes } from "./push-controls.routes.js";
import { pushRoutes } from "./push.routes.js";
import { SubscriptionService } from "./subscription-service.js";
import { SubscriptionStore } from "./subscription-store.js";
import { WebhookClient } from "./webhook-client.js";
import { WebSocketGateway } from "./websocket-gateway.js";

/**
 * Push notifications for the emulator (CONTRACT.md, "Push notifications"): the subscription API, `wstoken`, the
 * WebSocket gateway at `/ws` and WebHook delivery, fed by `state.onExtensionListChange`. Installs
 * `controls.push` and `/emulator/push/*`. Everything stops when the emulator's server closes: WebSockets are
 * terminated and WebHook requests in flight are aborted.
 */
export const pushMount: EmulatorMount = (host) => {
  const { context: ctx, server } = host;
  const store = new SubscriptionStore(ctx.now);
  const webhooks = new WebhookClient();
  const service = new SubscriptionService(ctx, store, webhooks);
  const gateway = new WebSocketGateway(ctx, store, service);
  const dispatcher = new PushDispatcher(ctx, store, webhooks, (sessionId, notification) =>
    gateway.send(sessionId, notification),
  );
  const controls = createPushControls(store, dispatcher, gateway, ctx.now);
  host.controls.push = controls;

  host.api.use(pushRoutes(ctx, service, gateway));
  host.app.use(pushControlRoutes(controls));
  const stopListening = ctx.state.onExtensionListChange((event) => dispatcher.handle(event));
  server.on("upgrade", gateway.handleUpgrade);
  server.once("close", () => {
    stopListening();
    dispatcher.close();
    webhooks.close();
    gateway.close();
  });
};

export type { PushDelivery } from "./dispatcher.js";
export type { PushControls, PushSubscriptionSummary } from "./push-controls.js";
