import * as alert from "../../src/graph/alert.queries.js";
import * as apiKey from "../../src/graph/api-key.queries.js";
import * as auditFinding from "../../src/graph/audit-finding.queries.js";
import * as analytics from "../../src/graph/analytics.queries.js";
import * as codePrinting from "../../src/graph/code-printing.queries.js";
import * as captureJob from "../../src/graph/capture-job.queries.js";
import * as consumer from "../../src/graph/consumer.queries.js";
import * as consumerVisit from "../../src/graph/consumer-visit.queries.js";
import * as afterSales from "../../src/graph/after-sales.queries.js";
import * as diversion from "../../src/graph/diversion.queries.js";
import * as event from "../../src/graph/event.queries.js";
import * as list from "../../src/graph/list.queries.js";
import * as masterData from "../../src/graph/master-data.queries.js";
import * as flowWrite from "../../src/graph/flow-write.queries.js";
import * as job from "../../src/graph/job.queries.js";
import * as jobOutput from "../../src/graph/job-output.queries.js";
import * as migration from "../../src/graph/migration.queries.js";
import * as nativeEvent from "../../src/graph/native-event.queries.js";
import { MIGRATIONS } from "../../src/graph/migrations.js";
import * as organization from "../../src/graph/organization.queries.js";
import * as organizationIdentifier from "../../src/graph/organization-identifier.queries.js";
import * as outbox from "../../src/graph/outbox.queries.js";
import * as subscription from "../../src/graph/subscription.queries.js";
import * as live from "../../src/graph/live-subscription.queries.js";
import type { BatchNode, ProductNode } from "../../src/graph/producer.repository.js";
import * as producer from "../../src/graph/producer.queries.js";
import type { Query } from "../../src/graph/query.js";
import * as readVisibility from "../../src/graph/read-visibility.queries.js";
import * as recall from "../../src/graph/recall.queries.js";
import * as recallNotice from "../../src/graph/recall-notice.queries.js";
import * as report from "../../src/graph/report.queries.js";
import * as scan from "../../src/graph/scan.queries.js";
import * as scanStatistics from "../../src/graph/scan-statistics.queries.js";
import * as traceCode from "../../src/graph/trace-code.queries.js";
import * as trace from "../../src/graph/trace.queries.js";
import * as viewers from "../../src/graph/viewers.queries.js";
import * as visibility from "../../src/graph/visibility.queries.js";

/**
 * Every statement builder of src/graph, called with sample arguments shaped like the real callers' (ids and keys in
 * their canonical forms, numbers where the repositories pass numbers, so LIMIT gets the Neo4j integer the builder
 * makes of them). One entry per shape a builder can emit that matters for its plan. Used by the Cypher snapshot test
 * (no database) and the EXPLAIN test (live database); the completeness test fails when a builder is missing here.
 * Arguments are fixed, never random, so the snapshots are stable.
 */

// The Query's own name is the transaction metadata; a catalog key adds the variant when one builder has several.
const entries = new Map<string, Query>();
const builders = new Set<unknown>();

function add<A extends unknown[]>(key: string, builder: (...args: A) => Query, ...args: A): void {
  if (entries.has(key)) throw new Error(`catalog key ${key} is listed twice`);
  entries.set(key, builder(...args));
  builders.add(builder);
}

// ---------------------------------------------------------------- sample identities

const MAKER = "uscc:91441900MA4W3LQX7B";
const DISTRIBUTOR = "uscc:91440101MA5CKT8N2R";
const RETAILER = "uscc:91440305MA5FLNE41X";
const LOCATION = "https://id.gs1.org/414/6901234000017/254/1";
const GTIN = "06901234567892";
const PRODUCT_KEY = `https://id.gs1.org/01/${GTIN}`;
const BATCH_ID = `${GTIN}:L20240301`;
const BATCH_KEY = `https://id.gs1.org/01/${GTIN}/10/L20240301`;
const ITEM_CODES = ["BRJD-W5RT-P0KW-YQTF", "BRJD-W5RT-P1MZ-8Q2K", "BRJD-W5RT-P2QD-3HVX"];
const [ITEM_CODE = ""] = ITEM_CODES;
const MOTHER_CODE = "BRJF-7K2M-Q9XA-4CDT";
const SSCC_KEY = "https://id.gs1.org/00/069012340000000017";
const ISSUE_ID = "iss-6b1f0c7e-2d4a-4e39-9a57-1c8e3f2b7d10";
const AT = "2024-03-01T08:00:00.000Z";
const API_KEY_ID_OF_SERVICE = "5d7e9f1a2b3c4d5e6f7a";
const LATER = "2024-03-05T02:30:00.000Z";
const SHIP_EVENT = "urn:uuid:3f9a1c2e-7b4d-4f0a-8c6e-2d1b5a7e9f30";
const SCAN_EVENT = "native:scan:5c2e8a1f-0d3b-4c7e-9f6a-8b1d2e3c4a50";
const SCAN_ID = `${SCAN_EVENT}|${ITEM_CODE}`;
const TRANSFORMATION = "urn:uuid:7e4d2c1b-9a8f-4e6d-b5c3-a2f1e0d9c8b7";

const PRODUCT: ProductNode = {
  id: GTIN,
  key: PRODUCT_KEY,
  manufacturerId: MAKER,
  name: "聚氯乙烯绝缘电缆",
  brand: "粤缆",
  model: "BV-2.5",
  category: "电线电缆",
  traceMode: "PER_ITEM" as ProductNode["traceMode"],
  gtin: GTIN,
  standardNo: "GB/T 5023.3-2008",
};

const BATCH: BatchNode = {
  id: BATCH_ID,
  key: BATCH_KEY,
  productId: GTIN,
  batchNo: "L20240301",
  productionDate: "2024-03-01",
  quantity: 500,
  unit: "卷",
  inspectionResult: "合格",
  inspectionReportNo: "JY-2024-0301",
  inspectionAgency: "粤缆质检部",
  inspectionDate: "2024-03-01",
  inspectionReportRef: null,
  licenceNo: "XK06-001-00123",
  cccCertNo: "2024010105123456",
  extended: JSON.stringify({ conductor: "铜", crossSection: "2.5mm²" }),
  components: ["https://id.gs1.org/01/06901234000024/10/CU240215"],
};

// ---------------------------------------------------------------- traces, recall, consumer page

add("trace.objects (downstream)", trace.traceObjects, {
  key: BATCH_KEY,
  direction: "DOWNSTREAM",
  maxDepth: 16,
  limit: 5_000,
});
add("trace.objects (upstream, as of, instance-level)", trace.traceObjects, {
  key: ITEM_CODE,
  direction: "UPSTREAM",
  maxDepth: 8,
  limit: 500,
  asOf: LATER,
  instanceOnly: true,
});
add("trace.objects (depth 0)", trace.traceObjects, { key: ITEM_CODE, direction: "DOWNSTREAM", maxDepth: 0, limit: 1 });
add("trace.edges", trace.traceEdges, [BATCH_KEY, ...ITEM_CODES], {});
add("trace.edges (as of)", trace.traceEdges, [BATCH_KEY, ...ITEM_CODES], { asOf: LATER });
add("trace.objectsByKeys", trace.objectsByKeys, [BATCH_KEY, ITEM_CODE]);
add("recall.summary", recall.recallSummary, BATCH_KEY);
add("recall.objects", recall.recallObjectsPage, BATCH_KEY, 100, ITEM_CODE);
add("recall.allObjects", recall.recallObjectsAll, BATCH_KEY);
// A party's view (API-CONTRACT §6): the same reads with the visibility checks at each hop.
add("trace.objects (downstream, scoped)", trace.traceObjects, {
  key: BATCH_KEY,
  direction: "DOWNSTREAM",
  maxDepth: 16,
  limit: 10_000,
  scope: DISTRIBUTOR,
});
add("trace.objects (upstream, scoped)", trace.traceObjects, {
  key: ITEM_CODE,
  direction: "UPSTREAM",
  maxDepth: 16,
  limit: 10_000,
  scope: DISTRIBUTOR,
});
add("trace.edges (scoped)", trace.traceEdges, [BATCH_KEY, ...ITEM_CODES], { scope: DISTRIBUTOR });
add("visibility.objectVisibleTo", readVisibility.objectVisibleTo, ITEM_CODE, DISTRIBUTOR);
add("visibility.batchVisibleTo", readVisibility.batchVisibleTo, BATCH_ID, DISTRIBUTOR);
add("visibility.productVisibleTo", readVisibility.productVisibleTo, PRODUCT.id, DISTRIBUTOR);
add("visibility.organizationVisibleTo", readVisibility.organizationVisibleTo, RETAILER, DISTRIBUTOR);
add("recall.summary (scoped)", recall.recallSummary, BATCH_KEY, MAKER);
add("recall.objects (scoped)", recall.recallObjectsPage, BATCH_KEY, 100, ITEM_CODE, MAKER);
add("recall.allObjects (scoped)", recall.recallObjectsAll, BATCH_KEY, MAKER);
add("consumer.traceView", consumer.traceView, ITEM_CODE, PRODUCT_KEY);
add("labels.batch", consumer.labelBatch, BATCH_ID);
add("labels.codePage", consumer.batchCodePage, BATCH_ID, ITEM_CODE, 500);
add("labels.codePage (first)", consumer.batchCodePage, BATCH_ID, null, 500);
add("labels.codeValuePage", consumer.batchCodeValuePage, BATCH_ID, ITEM_CODE, 5_000);
add("labels.codeValuePage (first)", consumer.batchCodeValuePage, BATCH_ID, null, 5_000);
add("labels.ownCodes", consumer.batchOwnCodes, BATCH_ID);
const VIEWER = "Jq3v2kqL0lJ9h0m0pQp1qS2Yt5hFv8k3aC2dE4fG6hI";
add(
  "consumer.recordView",
  consumerVisit.recordConsumerView,
  { id: "view:5b0e8f9c-1d2a-4c3b-8e7f-6a5b4c3d2e1f", objectKey: ITEM_CODE, viewer: VIEWER, regionCode: "440305" },
  600,
);
add("consumer.pageExtras", consumerVisit.pageExtras, MOTHER_CODE);

// ---------------------------------------------------------------- after-sales

add("afterSales.setProductWarranty", afterSales.setProductWarranty, PRODUCT.id, 24, "整机保修两年，主要部件三年。");
add("afterSales.objectOwner", afterSales.objectOwner, ITEM_CODE);
add(
  "afterSales.registerWarranty",
  afterSales.registerWarranty,
  {
    id: "warranty-0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    objectKey: ITEM_CODE,
    purchaseDate: "2024-03-10",
    validUntil: "2026-03-10",
    regionCode: "440305",
    phoneHash: "Zk2m5Qx8Vt1bN4cR7yH0jL3pS6wE9aD2fG5hK8mQ1t",
    phoneLast4: "5678",
    manufacturerId: MAKER,
    batchId: BATCH_ID,
  },
  "7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
);
add("afterSales.servicePartner (allow)", afterSales.servicePartner, MAKER, RETAILER, true);
add("afterSales.servicePartner (revoke)", afterSales.servicePartner, MAKER, RETAILER, false);
add("afterSales.serviceAuthorized", afterSales.serviceAuthorized, MAKER, RETAILER);
add(
  "afterSales.recordService",
  afterSales.recordService,
  {
    id: `service:${RETAILER}:RMA-2024-0001`,
    objectKey: ITEM_CODE,
    kind: "REPAIR",
    note: "更换点火器",
    performedAt: AT,
    actor: API_KEY_ID_OF_SERVICE,
    actorOrganizationId: RETAILER,
    manufacturerId: MAKER,
    batchId: BATCH_ID,
    productId: PRODUCT.id,
  },
  "8d2f3e4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a",
);
add(
  "afterSales.serviceRecords (code)",
  afterSales.serviceRecordPage,
  { objectKey: ITEM_CODE, batchId: null },
  { afterId: "", fetch: 51 },
);
add(
  "afterSales.serviceRecords (batch, scoped)",
  afterSales.serviceRecordPage,
  { objectKey: null, batchId: BATCH_ID },
  { afterId: "", fetch: 51 },
  MAKER,
);

// ---------------------------------------------------------------- EPCIS events and capture jobs

add("events.page (unfiltered)", event.eventsPage, {}, 100, null);
add("events.page (scoped)", event.eventsPage, {}, 100, null, DISTRIBUTOR);
add("events.page (scoped, after)", event.eventsPage, {}, 100, { eventTime: AT, eventId: SHIP_EVENT }, DISTRIBUTOR);
add(
  "events.page (by EPC, time window, after)",
  event.eventsPage,
  { epcs: [SSCC_KEY], geEventTime: "2024-03-01T00:00:00.000Z", ltEventTime: "2024-04-01T00:00:00.000Z" },
  100,
  { eventTime: AT, eventId: SHIP_EVENT },
);
add("events.page (by event id)", event.eventsPage, { eventIds: [SHIP_EVENT] }, 30, null);
add("events.page (by bizStep)", event.eventsPage, { bizSteps: ["shipping"], anyEpcs: [SSCC_KEY] }, 100, null);
add("captureJob.find", captureJob.captureJobById, "cap-0b7e6d5c-4a3f-4e21-9d8c-7b6a5f4e3d21");

// ---------------------------------------------------------------- writing a plan (EPCIS capture, producer flow)

add(
  "flow.mergeEvents",
  flowWrite.mergeEvents,
  [
    {
      eventId: SHIP_EVENT,
      eventTime: AT,
      recordTime: AT,
      props: {
        type: "ObjectEvent",
        action: "OBSERVE",
        bizStep: "shipping",
        objectKeys: [SSCC_KEY],
        epcKeys: [SSCC_KEY],
        document: '{"type":"ObjectEvent","action":"OBSERVE","bizStep":"shipping"}',
        hashedId: false,
      },
    },
  ],
  "8d3f2a1b-6c5e-4d7f-9a8b-0c1d2e3f4a5b",
);
add("flow.mergeObjects", flowWrite.mergeObjects, [
  { key: SSCC_KEY, kind: "CONTAINER" },
  { key: ITEM_CODE, kind: "ITEM" },
]);
add("flow.mergeOrganizations", flowWrite.mergeOrganizations, [DISTRIBUTOR]);
add("flow.mergeLocations", flowWrite.mergeLocations, [LOCATION]);
const edge = {
  from: ITEM_CODE,
  to: SSCC_KEY,
  eventId: SHIP_EVENT,
  at: AT,
  quantityLevel: false,
  segmentStart: null,
  segmentEnd: null,
  unit: null,
  parties: [MAKER, DISTRIBUTOR],
};
add("flow.createContainedIn", flowWrite.createEdges, "CONTAINED_IN", [edge]);
add("flow.createInLot", flowWrite.createEdges, "IN_LOT", [{ ...edge, from: BATCH_KEY, to: ITEM_CODE }]);
add("flow.createTransformedInto", flowWrite.createEdges, "TRANSFORMED_INTO", [
  { ...edge, from: "https://id.gs1.org/01/06901234000024/10/CU240215", to: BATCH_KEY },
]);
add("flow.mergeContainedIn", flowWrite.mergeEdges, "CONTAINED_IN", [
  { ...edge, to: MOTHER_CODE, segmentStart: 0, segmentEnd: 100, unit: "m" },
]);
add("flow.endContainment", flowWrite.endContainment, [
  { parent: SSCC_KEY, child: null, eventId: SHIP_EVENT, at: LATER },
]);
const shipment = {
  objectKey: SSCC_KEY,
  toOrgId: DISTRIBUTOR,
  fromOrgId: MAKER,
  eventId: SHIP_EVENT,
  at: AT,
  parties: [MAKER, DISTRIBUTOR],
  writer: MAKER,
};
add("flow.createShipments", flowWrite.createShipments, [shipment]);
add("flow.mergeShipments", flowWrite.mergeShipments, [shipment]);
add("flow.mergeScans", flowWrite.mergeScans, [
  {
    eventId: SCAN_EVENT,
    objectKey: ITEM_CODE,
    locationId: LOCATION,
    regionCode: null,
    at: LATER,
    bizStep: "retail_selling",
    role: null,
  },
]);
add("flow.markErrorDeclarations", flowWrite.markErrorDeclarations, [
  { eventId: SHIP_EVENT, declarationTime: LATER, reason: "incorrect_data", correctiveEventIds: [SCAN_EVENT] },
]);
add("flow.joinTransformations", flowWrite.joinTransformations, [TRANSFORMATION]);

// ---------------------------------------------------------------- diversion, alerts, analytics

add("diversion.judgeScans", diversion.judgeScans, [SCAN_ID]);
add("alerts.scansTouchingOrganization", diversion.scansTouchingOrganization, DISTRIBUTOR);
add("alerts.list (unfiltered)", alert.listAlerts, {}, 50, null);
add("alerts.list (scoped)", alert.listAlerts, {}, 50, null, DISTRIBUTOR);
add(
  "alerts.list (filtered, after)",
  alert.listAlerts,
  {
    rule: "REGION_MISMATCH",
    organizationId: DISTRIBUTOR,
    region: "430000",
    objectKey: ITEM_CODE,
    from: "2024-03-01T00:00:00.000Z",
    to: "2024-04-01T00:00:00.000Z",
  },
  50,
  { at: LATER, id: SCAN_ID },
);
add("alerts.byScan", alert.alertsByScanIds, [SCAN_ID]);
add("alerts.visibleByIds", alert.visibleAlertsByIds, [SCAN_ID], { states: ["OPEN", "ACKNOWLEDGED"] });
add(
  "alerts.visibleByIds (scoped, filtered)",
  alert.visibleAlertsByIds,
  [SCAN_ID],
  { rule: "REGION_MISMATCH", region: "440000" },
  DISTRIBUTOR,
);
add("alerts.list (by state)", alert.listAlerts, { states: ["RESOLVED", "DISMISSED"] }, 50, null);
const ALERT_STEP = {
  id: SCAN_ID,
  to: "ACKNOWLEDGED",
  from: ["OPEN"],
  actor: "tgk_0a1b2c3d4e5f60718293",
  actorOrganizationId: DISTRIBUTOR,
  note: "区域经理核查中",
};
add("alerts.transition", alert.transitionAlert, ALERT_STEP);
add("alerts.transitionScoped", alert.transitionAlert, ALERT_STEP, DISTRIBUTOR);
add("diversion.judgeScans (re-judgement)", diversion.judgeScans, [SCAN_ID], {
  actor: "env:ADMIN_API_KEY",
  actorOrganizationId: null,
  note: "authorised transfer",
});
const MARCH = { from: "2024-03-01T00:00:00.000Z", to: "2024-04-01T00:00:00.000Z" };
const OPEN = { from: null, to: null };
add("analytics.flowMatrix", analytics.flowMatrix, MARCH);
add("analytics.flowMatrix (open window)", analytics.flowMatrix, OPEN);
add("analytics.flowMatrix (scoped)", analytics.flowMatrix, { ...MARCH, scope: MAKER });
add("analytics.leakRanking (scoped)", analytics.leakRanking, { ...MARCH, scope: MAKER }, 20);
const STATISTICS = { from: MARCH.from, to: MARCH.to, productId: null, batchId: null } as const;
add("research.scanStatistics", scanStatistics.scanStatistics, { ...STATISTICS, groupBy: ["PRODUCT", "DAY"] });
add("research.scanStatistics (scoped)", scanStatistics.scanStatistics, {
  ...STATISTICS,
  groupBy: ["BATCH", "PROVINCE"],
  batchId: BATCH_ID,
  scope: MAKER,
});
add("research.scanStatistics (open window)", scanStatistics.scanStatistics, {
  ...STATISTICS,
  from: null,
  to: null,
  groupBy: ["CITY"],
});
add("analytics.windowTotals (scoped)", analytics.windowTotals, { ...MARCH, scope: MAKER });
add("analytics.windowTotals", analytics.windowTotals, MARCH);
add("analytics.windowTotals (open window)", analytics.windowTotals, OPEN);
add("analytics.leakRanking", analytics.leakRanking, { from: "2024-03-01T00:00:00.000Z", to: null }, 20);
add("analytics.leakRanking (open window)", analytics.leakRanking, OPEN, 20);
add("analytics.transferPermit (allow)", analytics.transferPermit, DISTRIBUTOR, RETAILER, true);
add("analytics.transferPermit (revoke)", analytics.transferPermit, DISTRIBUTOR, RETAILER, false);

// ---------------------------------------------------------------- organisations

add(
  "organizations.upsert",
  organization.upsertOrganization,
  {
    id: DISTRIBUTOR,
    name: "南粤机电",
    roles: ["DISTRIBUTOR"],
    regionCode: "440101",
    authorizedRegions: ["440000"],
  },
  { servicePhone: "400-820-8820", website: null },
);
add("organizations.upsertLocation", organization.upsertLocation, {
  id: LOCATION,
  name: "鹏城五金 福田店",
  regionCode: "440304",
  organizationId: RETAILER,
});
add("organizations.byIds", organization.organizationsByIds, [MAKER, DISTRIBUTOR]);
add("organizations.locationsByIds", organization.locationsByIds, [LOCATION]);
add("codes.makers", traceCode.makersOfCodes, [ITEM_CODE, BATCH_KEY]);
add("codes.batchKey", traceCode.batchKey, BATCH_ID);
// ---------------------------------------------------------------- visibility marks
add("visibility.locationOwners", visibility.locationOwners, [LOCATION]);
add("visibility.markFollowed", visibility.markFollowed, [{ key: BATCH_KEY, party: MAKER }]);
add("visibility.markHistory", visibility.markHistory, [{ key: ITEM_CODE, party: DISTRIBUTOR, at: Date.parse(LATER) }]);
add("visibility.markNamed", visibility.markNamed, [{ key: ITEM_CODE, party: DISTRIBUTOR }]);
add("visibility.markHeld", visibility.markHeld, [
  { key: SSCC_KEY, party: DISTRIBUTOR, at: Date.parse(LATER), contents: true },
]);
add("visibility.shipmentReceipts", visibility.shipmentReceipts, [{ objectKey: SSCC_KEY, eventId: SHIP_EVENT }]);
add("visibility.pendingReceipts", visibility.pendingReceipts, [{ key: SSCC_KEY, party: MAKER, at: Date.parse(AT) }]);
add("visibility.edgeCrossings", visibility.edgeCrossings, [{ from: ITEM_CODE, to: SSCC_KEY, eventId: SHIP_EVENT }]);
add("visibility.carriedShipments", visibility.carriedShipments, [
  { from: ITEM_CODE, to: SSCC_KEY, eventId: SHIP_EVENT },
]);
add("visibility.carriedByNewEdges", visibility.carriedByNewEdges, [{ to: SSCC_KEY, at: AT }]);
add("visibility.transformationParties", visibility.transformationParties, [TRANSFORMATION]);
add("viewers.refreshFlowEdges", viewers.refreshFlowEdges, [{ from: ITEM_CODE, to: SSCC_KEY, eventId: SHIP_EVENT }]);
add("viewers.refreshShipments", viewers.refreshShipments, [{ objectKey: SSCC_KEY, eventId: SHIP_EVENT }]);
add("viewers.refreshAround", viewers.refreshAround, [{ key: ITEM_CODE, out: true, in: true }]);
add("viewers.seeEvents", viewers.seeEvents, [{ eventId: SHIP_EVENT, parties: [MAKER, DISTRIBUTOR] }]);
add("viewers.seeAlertsOfFollowed", viewers.seeAlertsOfFollowed, [{ key: ITEM_CODE, party: MAKER }]);
add("viewers.seeIssuance", viewers.seeIssuance, BATCH_ID, SHIP_EVENT);
add("organizations.any", organization.anyOrganization);
const MAKER_GLN = "https://id.gs1.org/417/6901234000009";
add("organizations.identifierClaims", organizationIdentifier.identifierClaims, MAKER, [MAKER_GLN]);
add("organizations.addIdentifiers", organizationIdentifier.addIdentifiers, MAKER, [MAKER_GLN], "apikey:0123");
add("organizations.ownersOfIdentifiers", organizationIdentifier.ownersOfIdentifiers, [MAKER_GLN, DISTRIBUTOR]);

// ---------------------------------------------------------------- producer: products, batches, quality, audit

const FINDING = {
  id: "finding-5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
  text: "出厂后更正 (correction after release): 更正导体材质",
  owner: "质量部 李",
  openedBy: "tgk_0a1b2c3d4e5f60718293",
  openedByOrganizationId: MAKER,
};

add("producer.organization", producer.organization, MAKER);
add("producer.productIdentity", producer.productIdentity, GTIN, PRODUCT_KEY);
add("producer.createProduct", producer.createProduct, PRODUCT, false);
add("producer.productById", producer.productById, GTIN);
add("producer.products", producer.productsOfManufacturer, MAKER);
add("producer.lockProduct", producer.lockProduct, PRODUCT.id);
add(
  "producer.updateProduct",
  producer.updateProduct,
  PRODUCT.id,
  { model: "BV 2.5mm²" },
  {
    id: "prev-3f4e5d6c-7b8a-4c9d-8e0f-1a2b3c4d5e6f",
    at: LATER,
    reason: "型号规格更正",
    actor: "tgk_0a1b2c3d4e5f60718293",
    actorOrganizationId: MAKER,
    note: null,
    changes: JSON.stringify({ model: { before: "BV 2.5", after: "BV 2.5mm²" } }),
  },
);
add("producer.productRevisions", producer.productRevisions, PRODUCT.id);
add("producer.productsScoped", producer.productsOfManufacturer, MAKER, DISTRIBUTOR);
add("producer.batchIdentity", producer.batchIdentity, BATCH_ID, BATCH_KEY);
add("producer.createBatch", producer.createBatch, BATCH, false);
add("producer.batchById", producer.batchById, BATCH_ID);
add("producer.lockBatch", producer.lockBatch, BATCH_ID);
add("producer.updateExtended", producer.updateExtended, BATCH_ID, JSON.stringify({ conductor: "铜" }), {
  id: "rev-1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  at: LATER,
  reason: "补充导体材质",
  actor: "tgk_0a1b2c3d4e5f60718293",
  actorOrganizationId: MAKER,
  note: "质检员 王",
  changes: JSON.stringify({ conductor: { before: null, after: "铜" } }),
  correction: false,
  auditRequired: false,
});
add(
  "producer.updateBasics",
  producer.updateBasics,
  BATCH_ID,
  { inspectionResult: "合格" },
  {
    id: "rev-2e3d4c5b-6f70-4b8c-9dae-1f2a3b4c5d6e",
    at: LATER,
    reason: "检验报告已出",
    actor: "tgk_0a1b2c3d4e5f60718293",
    actorOrganizationId: MAKER,
    note: null,
    changes: JSON.stringify({ inspectionResult: { before: "待检", after: "合格" } }),
    correction: false,
    auditRequired: false,
  },
);
add(
  "producer.updateExtended (correction after release, opens a finding)",
  producer.updateExtended,
  BATCH_ID,
  JSON.stringify({ conductor: "铜" }),
  {
    id: "rev-3f4e5d6c-7a81-4c9d-8ebf-2a3b4c5d6e7f",
    at: LATER,
    reason: "更正导体材质",
    actor: "tgk_0a1b2c3d4e5f60718293",
    actorOrganizationId: MAKER,
    note: "质量部 李",
    changes: JSON.stringify({ conductor: { before: "铝", after: "铜" } }),
    correction: true,
    auditRequired: true,
  },
  FINDING,
);
add("producer.releaseBatch", producer.releaseBatch, BATCH_ID);
add(
  "producer.recallBatch",
  producer.recallBatch,
  BATCH_ID,
  {
    reason: "绝缘层厚度不合格",
    advice: "请停止使用，联系经销商免费更换。",
    actor: "tgk_0a1b2c3d4e5f60718293",
    actorOrganizationId: MAKER,
    note: "质量部",
    revisionId: "rev-9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f",
  },
  JSON.stringify({ status: { before: "RELEASED", after: "RECALLED" } }),
  FINDING,
);
const noFindingFilter = { state: null, manufacturerId: null, batchId: null, after: null, fetch: 51 };
add("findings.list (all)", auditFinding.listFindings, noFindingFilter);
add("findings.list (open, batch, after)", auditFinding.listFindings, {
  ...noFindingFilter,
  state: "OPEN",
  batchId: BATCH_ID,
  after: { at: LATER, id: FINDING.id },
});
add("findings.listScoped", auditFinding.listFindings, { ...noFindingFilter, state: "CLOSED" }, MAKER);
add("findings.byId", auditFinding.findingById, FINDING.id);
add("findings.close", auditFinding.closeFinding, FINDING.id, {
  conclusion: "已核实：原记录笔误，更正无误",
  closedBy: "tgk_0a1b2c3d4e5f60718293",
  closedByOrganizationId: MAKER,
});
add("findings.assign", auditFinding.assignFinding, FINDING.id, "质量部 王");
add("producer.quality (batch)", producer.qualityRows, { batchId: BATCH_ID });
add("producer.quality (manufacturer)", producer.qualityRows, { manufacturerId: MAKER });
const noAuditFilter = { batchId: null, manufacturerId: null, correctionsOnly: false, after: null, limit: 51 };
add("producer.auditLog (all)", producer.auditLog, noAuditFilter);
add("producer.auditLog (batch)", producer.auditLog, { ...noAuditFilter, batchId: BATCH_ID });
add("producer.auditLog (manufacturer, corrections, after)", producer.auditLog, {
  ...noAuditFilter,
  manufacturerId: MAKER,
  correctionsOnly: true,
  after: { at: LATER, id: "rev-1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d" },
});

// ---------------------------------------------------------------- producer: codes

const JOB_ID = "job-4e3d2c1b-0a9f-4e8d-b7c6-5a4f3e2d1c0b";
add("codes.jobById", traceCode.jobById, JOB_ID);

// ---------------------------------------------------------------- durable jobs (job.queries.ts)

const JOB_OWNER = "host-1:4242:0b7e6d5c";
add("job.create (capture, with input)", job.createJob, {
  id: "cap-0b7e6d5c-4a3f-4e21-9d8c-7b6a5f4e3d21",
  kind: "epcis-capture",
  queue: "default",
  total: 120,
  params: '{"principal":{"credentialId":"k1","organizationId":null,"role":"ADMIN","kind":"API_KEY"}}',
  extra: { accepted: 0, duplicates: 0, errors: "[]" },
  parts: ['{"type":"EPCISDocument"', "}"],
});
add("job.claim", job.claimJob, "default", JOB_OWNER, 30_000);
add("job.heartbeat", job.heartbeat, JOB_ID, JOB_OWNER, 30_000);
add("job.release", job.releaseJob, JOB_ID, JOB_OWNER, 0, null);
add("job.progress", job.jobProgress, JOB_ID, JOB_OWNER, 10_000, 30_000, 20_000);
add("job.partProgress", job.jobPartProgress, JOB_ID, JOB_OWNER, 10_000, 30_000, 3);
add("job.partsDone", job.jobPartsDone, JOB_ID);
add("job.finish", job.finishJob, JOB_ID, JOB_OWNER, "DONE", { error: null });
add("job.input", job.jobInput, JOB_ID);
add("job.expire", job.expireJobs, 168 * 3_600_000, 500);
add("jobOutput.create", jobOutput.createJobOutputs, JOB_ID, [
  { name: "report.json", contentType: "application/json", size: 2, sha256: "44136fa3", parts: ["e30="] },
]);
add("jobOutput.files", jobOutput.jobOutputFiles, JOB_ID);
add("jobOutput.data", jobOutput.jobOutputData, JOB_ID, "report.json");
add("codes.issueChunk", traceCode.issueChunk, {
  batchId: BATCH_ID,
  issueId: ISSUE_ID,
  eventId: `native:issue:${ISSUE_ID}`,
  at: AT,
  codes: ITEM_CODES,
  kind: "ITEM",
  codeType: "ITEM",
  mode: "PER_ITEM",
});
add("codes.finishIssue", traceCode.finishIssue, BATCH_ID, 100_000, AT);
add("codes.batchMothers", traceCode.batchMothers, BATCH_ID);
add("codes.addMotherLength", traceCode.addMotherLength, BATCH_ID, 1500.5);
add("codes.setMotherLengths", traceCode.setMotherLengths, [{ code: MOTHER_CODE, length: 1000 }], "m");
add("codes.issueOwnCode", traceCode.issueOwnCode, {
  key: "BRJC-4N8P-TQ2W-6YZA",
  codeType: "BATCH",
  mode: "PER_BATCH",
  issueId: ISSUE_ID,
  at: AT,
});
add("codes.byKeys", traceCode.codesByKeys, ITEM_CODES);
add("codes.ofIssue", traceCode.codesOfIssue, ISSUE_ID, null, 51);
add("codes.ofIssue (after)", traceCode.codesOfIssue, ISSUE_ID, ITEM_CODE, 51);
add("codes.ofBatch", traceCode.codesOfBatch, BATCH_ID, null, null, 51);
add("codes.ofBatch (type, after)", traceCode.codesOfBatch, BATCH_ID, "ITEM", ITEM_CODE, 51);
add("codes.ofBatch (status)", traceCode.codesOfBatch, BATCH_ID, null, null, 51, "PRINTED");

// ---------------------------------------------------------------- lists (issue 14 item 8)

const FIRST_PAGE = { afterId: "", fetch: 51 };
const NO_BATCH_FILTER = { productId: null, manufacturerId: null, status: null, producedFrom: null, producedTo: null };
add("lists.products", list.productPage, { manufacturerId: null, category: null }, FIRST_PAGE);
add(
  "lists.products (maker, category, after)",
  list.productPage,
  { manufacturerId: MAKER, category: "1101" },
  {
    afterId: GTIN,
    fetch: 51,
  },
);
add("lists.productsScoped", list.productPage, { manufacturerId: null, category: null }, FIRST_PAGE, DISTRIBUTOR);
add("lists.batches", list.batchPage, NO_BATCH_FILTER, FIRST_PAGE);
add(
  "lists.batches (product, status, dates)",
  list.batchPage,
  { ...NO_BATCH_FILTER, productId: GTIN, status: "RELEASED", producedFrom: "2024-03-01", producedTo: "2024-03-31" },
  FIRST_PAGE,
);
add("lists.batchesScoped", list.batchPage, NO_BATCH_FILTER, { afterId: BATCH_ID, fetch: 51 }, DISTRIBUTOR);
add("lists.organizations", list.organizationPage, { role: null, region: null }, FIRST_PAGE);
add("lists.organizations (role, region)", list.organizationPage, { role: "DISTRIBUTOR", region: "440000" }, FIRST_PAGE);
add("lists.organizationsScoped", list.organizationPage, { role: null, region: null }, FIRST_PAGE, DISTRIBUTOR);
add("lists.locations", list.locationPage, { organizationId: null, region: null }, FIRST_PAGE);
add(
  "lists.locations (operator, region)",
  list.locationPage,
  { organizationId: RETAILER, region: "440300" },
  FIRST_PAGE,
);
add("lists.locationsScoped", list.locationPage, { organizationId: null, region: null }, FIRST_PAGE, RETAILER);
add("codes.countOfIssue", traceCode.countOfIssue, ISSUE_ID);
add("codes.makerOfIssue", traceCode.makerOfIssue, ISSUE_ID);
add("codes.void", traceCode.voidCode, ITEM_CODE, "标签损坏");
add("nativeEvents.release", nativeEvent.batchDispositionEvent, "release", BATCH_ID, {
  actorCredential: "tgk_0a1b2c3d4e5f60718293",
  actorOrganization: MAKER,
});
add(
  "nativeEvents.recall",
  nativeEvent.batchDispositionEvent,
  "recall",
  BATCH_ID,
  {
    actorCredential: "env:ADMIN_API_KEY",
    actorOrganization: null,
  },
  "绝缘层厚度不合格",
);
add("nativeEvents.void", nativeEvent.codeVoidEvent, ITEM_CODE, "标签损坏", {
  actorCredential: "tgk_0a1b2c3d4e5f60718293",
  actorOrganization: MAKER,
});
add("codes.markPrinted", codePrinting.markPrintedKeys, ITEM_CODES);
add("codes.markBatchPrinted", codePrinting.markPrintedBatchChunk, BATCH_ID, 10_000);
add("codes.markOwnPrinted", codePrinting.markPrintedOwnCodes, BATCH_ID);
add("codes.outsideBatch", codePrinting.codesOutsideBatch, BATCH_ID, ITEM_CODES);
add("codes.parent", traceCode.linkParent, MOTHER_CODE, false);
add("codes.lockParent", traceCode.linkParent, MOTHER_CODE, true);
add("codes.setParentLength", traceCode.setParentLength, MOTHER_CODE, 100, "m", 100);
add("codes.children", traceCode.linkChildren, ITEM_CODES);
add("codes.containersOf", traceCode.containersOf, MOTHER_CODE);
add("codes.segments", traceCode.segmentsOfParent, MOTHER_CODE);
add("codes.objectByKey", traceCode.objectByKey, ITEM_CODE);
add("codes.objectStates", traceCode.objectStates, ITEM_CODES);
add("codes.eventDocument", traceCode.eventDocument, "native:shipment:2b4d6f8a-1c3e-4a5b-9d7f-0e2c4a6b8d1f");
add(
  "codes.recordScan",
  scan.recordScan,
  {
    event: {
      eventId: SCAN_EVENT,
      eventTime: LATER,
      recordTime: LATER,
      props: {
        type: "NativeScan",
        action: "OBSERVE",
        bizStep: "retail_selling",
        objectKeys: [ITEM_CODE],
        document: '{"type":"NativeScan","bizStep":"retail_selling"}',
      },
    },
    scan: {
      id: SCAN_ID,
      eventId: SCAN_EVENT,
      objectKey: ITEM_CODE,
      at: LATER,
      bizStep: "retail_selling",
      role: "CONSUMER",
      regionCode: "430102",
    },
    objectKind: null,
  },
  "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
);

// ---------------------------------------------------------------- API keys

const API_KEY_ID = "3f9a1c2e7b4d4f0a8c6e";
add("apiKeys.create", apiKey.createApiKey, {
  id: API_KEY_ID,
  secretHash: "9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab",
  organizationId: MAKER,
  role: "MANUFACTURER",
  name: "ERP",
  createdAt: AT,
  expiresAt: LATER,
  createdBy: "env:ADMIN_API_KEY",
});
add("apiKeys.forAuthentication", apiKey.apiKeyForAuthentication, API_KEY_ID);
add("apiKeys.touch", apiKey.touchApiKey, API_KEY_ID, LATER, AT);
add("apiKeys.revoke", apiKey.revokeApiKey, API_KEY_ID, LATER, "env:ADMIN_API_KEY");
add("apiKeys.list", apiKey.listApiKeys, MAKER);
add("apiKeys.list (all)", apiKey.listApiKeys, null);

// ---------------------------------------------------------------- notifications (issue 18)

const SUBSCRIPTION_ID = "5d0c8f0e-3b7a-4c49-9e8b-2f3c4d5e6f70";
const QUERY_KEY = `${DISTRIBUTOR}|shipments`;
const OWNER = "vm:4242:1a2b3c4d";
add("outbox.recordChange", outbox.recordChange, "w-1", [SHIP_EVENT], []);
add("outbox.recordChange (notices)", outbox.recordChange, "recall:rev-1", [], [], ["rev-1|org-1"]);
add(
  "live.open",
  live.openLiveSubscription,
  {
    id: SUBSCRIPTION_ID,
    channel: "EVENTS",
    queue: `live:${OWNER}`,
    params: "{}",
    principal: "{}",
  },
  30_000,
);
add("live.renew", live.renewLiveSubscriptions, `live:${OWNER}`, 30_000);
add("live.end", live.endLiveSubscription, SUBSCRIPTION_ID);
add("live.endExpired", live.endExpiredLiveSubscriptions, 100);
add("live.take", live.takeLiveDeliveries, `live:${OWNER}`, 100);
add("outbox.adjustGate", outbox.adjustStreamGate, 1);
add("outbox.claimChanges", outbox.claimChanges, OWNER, 30_000, 50);
add("outbox.deleteChanges", outbox.deleteChanges, ["w-1"], OWNER);
add("outbox.releaseFanOut", outbox.releaseFanOut, OWNER);
add("outbox.changesHeld", outbox.changesHeld, ["w-1"], OWNER);
add("outbox.lockSubscriptions", outbox.lockSubscriptionsForFanOut, [
  { subscriptionId: SUBSCRIPTION_ID, keys: [SHIP_EVENT] },
]);
add("outbox.createDeliveries", outbox.createDeliveries, [
  { subscriptionId: SUBSCRIPTION_ID, key: SHIP_EVENT, seq: 0, kind: "EVENT", from: null, to: null },
]);
add("outbox.claimSubscriptions", outbox.claimSubscriptions, "default", OWNER, 30_000, 64, 100);
add("outbox.renewLease", outbox.renewSubscriptionLease, SUBSCRIPTION_ID, OWNER, 30_000);
add("outbox.releaseSubscription", outbox.releaseSubscription, SUBSCRIPTION_ID, OWNER);
add("outbox.pending", outbox.pendingDeliveries, SUBSCRIPTION_ID, 100);
add(
  "outbox.delivered",
  outbox.markDelivered,
  SUBSCRIPTION_ID,
  OWNER,
  [`${SUBSCRIPTION_ID}|${SHIP_EVENT}`],
  100,
  30_000,
);
add("outbox.deliveredMany", outbox.markDeliveredMany, OWNER, [
  { subscriptionId: SUBSCRIPTION_ID, ids: [`${SUBSCRIPTION_ID}|${SHIP_EVENT}`], batchSize: 100 },
]);
add("outbox.failed", outbox.markFailed, SUBSCRIPTION_ID, OWNER, [`${SUBSCRIPTION_ID}|${SHIP_EVENT}`], "503", 1000, 1);
add("outbox.dead", outbox.markDead, SUBSCRIPTION_ID, OWNER, [`${SUBSCRIPTION_ID}|${SHIP_EVENT}`], "503");
add("outbox.deadLetters", outbox.deadLetters, SUBSCRIPTION_ID, 500);
add("outbox.replay", outbox.replayDeadLetters, SUBSCRIPTION_ID, null);
add("outbox.replay (keys)", outbox.replayDeadLetters, SUBSCRIPTION_ID, [SHIP_EVENT]);
add("subscriptions.createQuery", subscription.createNamedQuery, QUERY_KEY, DISTRIBUTOR, "shipments", "{}");
add("subscriptions.findQuery", subscription.findNamedQuery, QUERY_KEY);
add("subscriptions.listQueries", subscription.listNamedQueries, DISTRIBUTOR, 500);
add("subscriptions.deleteQuery", subscription.deleteNamedQuery, QUERY_KEY);
add("subscriptions.create", subscription.createSubscription, {
  id: SUBSCRIPTION_ID,
  queue: "default",
  queryKey: QUERY_KEY,
  dest: "https://hooks.example.com/epcis",
  signatureToken: "token",
  stream: true,
  schedule: null,
  reportIfEmpty: false,
  initialRecordTime: null,
  principal: "{}",
  batchSize: 100,
  nextRunAt: null,
  lastRunAt: null,
});
add("subscriptions.createChannel", subscription.createChannelSubscription, {
  id: SUBSCRIPTION_ID,
  queue: "default",
  queryKey: `${DISTRIBUTOR}|#alerts`,
  ownerKey: DISTRIBUTOR,
  queryName: "#alerts",
  channel: "ALERTS",
  params: "{}",
  dest: "https://hooks.example.com/alerts",
  signatureToken: null,
  principal: "{}",
  batchSize: 100,
});
add("subscriptions.find", subscription.findSubscription, QUERY_KEY, SUBSCRIPTION_ID);
add("subscriptions.list", subscription.listSubscriptions, QUERY_KEY, 500);
add("subscriptions.end", subscription.endSubscription, QUERY_KEY, SUBSCRIPTION_ID);
add("subscriptions.activeStreams", subscription.activeStreams);
add("subscriptions.dueRuns", subscription.dueRuns, 20);
add(
  "subscriptions.startRun",
  subscription.startScheduledRun,
  SUBSCRIPTION_ID,
  1_796_000_000_000,
  "run:x",
  AT,
  1_796_000_060_000,
);

add("recallNotices.create", recallNotice.createRecallNotices, "batch-1", MAKER, "rev-1", "绝缘层厚度不合格");
add("recallNotices.ofBatch", recallNotice.recallNoticesOfBatch, "batch-1", null, 1000);
add("recallNotices.ofHolder", recallNotice.recallNoticesOfHolder, DISTRIBUTOR, 1000);
add("recallNotices.byIds", recallNotice.recallNoticesByIds, ["rev-1|org-1"], DISTRIBUTOR);
add("recallNotices.byId", recallNotice.recallNoticeById, `rev-1|${DISTRIBUTOR}`);
add("recallNotices.acknowledge", recallNotice.acknowledgeRecallNotice, `rev-1|${DISTRIBUTOR}`, "key-1", null);

// ---------------------------------------------------------------- EPCIS master data (issue 16 item 6)

const SGLN = "https://id.gs1.org/414/0037000007296/254/0";
add("masterData.merge", masterData.mergeMasterData, [
  {
    vtype: "urn:epcglobal:epcis:vtype:BusinessLocation",
    id: "urn:epc:id:sgln:0037000.00729.0",
    key: SGLN,
    name: "广州南粤仓库",
    address: '{"city":"广州"}',
    attributes: "[]",
    children: [],
    namespaces: "{}",
    capturedBy: DISTRIBUTOR,
  },
]);
add("masterData.element", masterData.masterDataElement, "urn:epcglobal:epcis:vtype:BusinessLocation", SGLN);
add(
  "masterData.element (scoped)",
  masterData.masterDataElement,
  "urn:epcglobal:epcis:vtype:BusinessLocation",
  SGLN,
  DISTRIBUTOR,
);
add("masterData.byKeys", masterData.masterDataByKeys, [SGLN, MAKER]);

// ---------------------------------------------------------------- regulator reports (issue 16 item 7)

add("report.batchOfObject", report.batchOfObject, ITEM_CODE);
add("report.batchRecall", report.batchRecall, "batch-1");
add("report.shipments", report.reportShipments, BATCH_KEY);
add("report.shipments (scoped)", report.reportShipments, BATCH_KEY, MAKER);
add("report.holders", report.reportHolders, BATCH_KEY, MAKER);
add("report.holders (scoped)", report.reportHolders, BATCH_KEY, MAKER, MAKER);

// ---------------------------------------------------------------- migrations

add("migration.schema", migration.schemaStatement, MIGRATIONS[0]?.statements[0] ?? "");
add("migration.record", migration.recordMigration, 3, "producer's flow: codes by issuance, products by manufacturer");
add("migration.awaitIndexes", migration.awaitIndexes);
add("migration.appliedVersion", migration.appliedMigrationVersion);
add("migration.appliedVersions", migration.appliedMigrationVersions);
add("migration.backfill", migration.backfillStatement, "MATCH (m:Migration) RETURN count(m) AS n");

/** Catalog key -> the statement as built; in the order listed above. */
export const QUERY_CATALOG: ReadonlyMap<string, Query> = entries;

/** The builder functions the catalog called, for the completeness test. */
export const CATALOGUED_BUILDERS: ReadonlySet<unknown> = builders;
