import type { AppRoutes } from "./app.js";
import { mountRecallCsv } from "./routes/recall-csv.route.js";
import { mountEpcisRoutes } from "./routes/epcis.route.js";
import { DIGITAL_LINK_PREFIXES, mountConsumerRoutes } from "./routes/consumer.route.js";
import { mountLabelRoutes } from "./routes/labels.route.js";
import { mountQrRoutes } from "./routes/qr.route.js";
import { mountScanStatisticsCsv } from "./routes/scan-statistics-csv.route.js";
import { mountAlertSubscriptionRoutes, mountQueryRoutes } from "./routes/queries.routes.js";
import { mountWarrantyRoutes } from "./routes/warranty.route.js";
import { mountReportRoutes } from "./routes/report.route.js";

/**
 * The REST routes and pages beside /graphql. Public (API-CONTRACT §6): what a consumer's phone opens after scanning
 * (`/t/{code}`, the GS1 Digital Link paths) and the QR images; everything else needs a credential.
 */
export const ROUTES: AppRoutes = {
  public: {
    paths: ["/t", ...DIGITAL_LINK_PREFIXES, "/codes"],
    mounts: [mountQrRoutes, mountConsumerRoutes, mountWarrantyRoutes],
  },
  protected: [
    mountRecallCsv,
    mountEpcisRoutes,
    mountLabelRoutes,
    mountScanStatisticsCsv,
    mountQueryRoutes,
    mountReportRoutes,
    mountAlertSubscriptionRoutes,
  ],
};
