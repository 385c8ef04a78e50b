import { BatchResolver } from "./batch.resolver.js";
import { CodeIssueResolver } from "./code-issue.resolver.js";
import { CodeLinkResolver } from "./code-link.resolver.js";
import { DataQualityResolver } from "./data-quality.resolver.js";
import { ProductResolver } from "./product.resolver.js";
import { ScanResolver } from "./scan.resolver.js";
import { ShipmentResolver } from "./shipment.resolver.js";
import { TraceCodeResolver } from "./trace-code.resolver.js";

/** The producer's flow (API-CONTRACT §5): one thin resolver class per object type, registered together. */
export const PRODUCER_RESOLVERS = [
  ProductResolver,
  BatchResolver,
  CodeIssueResolver,
  TraceCodeResolver,
  CodeLinkResolver,
  ShipmentResolver,
  ScanResolver,
  DataQualityResolver,
] as const;
