import type { RouteMount } from "./app.js";
import { mountRecallCsv } from "./routes/recall-csv.route.js";
import { mountEpcisRoutes } from "./routes/epcis.route.js";
import { mountConsumerRoutes } from "./routes/consumer.route.js";
import { mountLabelRoutes } from "./routes/labels.route.js";
import { mountQrRoutes } from "./routes/qr.route.js";

/** The REST routes mounted beside /graphql, in order. */
export const ROUTES: RouteMount[] = [
  mountRecallCsv,
  mountEpcisRoutes,
  mountQrRoutes,
  mountConsumerRoutes,
  mountLabelRoutes,
];
