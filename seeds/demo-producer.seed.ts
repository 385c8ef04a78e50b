import { gs1CheckDigit } from "../src/codes/index.js";
import { NotFoundError } from "../src/errors/app-errors.js";
import type { ProducerServices } from "../src/root/services.js";
import type { BatchRecord, ProductRecord } from "../src/producer/producer-model.js";
import type { Services } from "../src/root/services.js";
import { DEMO_IDS, DEMO_ORGANIZATIONS } from "./demo-organizations.js";
import { BatchStatus, ScanRole, TraceMode } from "../src/producer/producer-enums.js";
import { TraceCodeType } from "../src/codes/index.js";
import type { BatchRequest, ProductRequest } from "../src/producer/producer-requests.js";
import { OPERATOR } from "../src/access/principal.js";

/**
 * The producer's flow of the demo, through the producer services only:
 *  - 东莞粤缆 cable (电线电缆, COMBINED, GTIN): one batch of 3 reels × 1000 m, each reel a mother code with two
 *    segment codes; copper and PVC lots from the suppliers as components; reels shipped to the Guangdong, Hunan and
 *    Guangxi distributors and on to a retailer in each province.
 *  - 顺德华焰 gas cooker (家用燃气灶具, PER_BATCH, no GTIN: the batch's trace code is its code); a valve lot as
 *    component; shipped to the Guangdong distributor and on to the Shenzhen retailer.
 *  - Market scans: in-region ones, and leaks of Guangdong-authorised goods scanned in 430102 Changsha.
 * Idempotent: existing products and batches are kept, codes are issued only for a batch without codes, and
 * shipments and scans carry fixed ids, so loading twice writes nothing new.
 */
export async function loadProducerDemo(services: Services): Promise<void> {
  for (const org of DEMO_ORGANIZATIONS) await services.organizationService.upsertOrganization(org, OPERATOR);
  await loadCable(services.producer);
  await loadGasCooker(services.producer);
}

/** Supplier lots (LGTIN URNs of the suppliers' own GTINs). */
const COPPER_LOT = "urn:epc:class:lgtin:6901234.100001.CU260105";
const PVC_LOT = "urn:epc:class:lgtin:6901234.100002.PVC2601";
const VALVE_LOT = "urn:epc:class:lgtin:6901234.100003.VA2601";
const CABLE_GTIN = withCheckDigit("690123410001");

async function loadCable(p: ProducerServices): Promise<void> {
  const product = await ensureProduct(p, {
    id: "demo-cable-bv25",
    manufacturerId: DEMO_IDS.cableMaker,
    name: "聚氯乙烯绝缘电缆（电线）",
    brand: "粤缆",
    model: "BV 450/750V 1×2.5mm²",
    category: "电线电缆",
    traceMode: TraceMode.COMBINED,
    gtin: CABLE_GTIN,
    standardNo: "GB/T 5023.3-2008",
  });
  await shipLots(p, [COPPER_LOT], DEMO_IDS.copperSupplier, DEMO_IDS.cableMaker, "2026-01-05T02:00:00Z", "cu-2601");
  await shipLots(p, [PVC_LOT], DEMO_IDS.pvcSupplier, DEMO_IDS.cableMaker, "2026-01-06T02:00:00Z", "pvc-2601");
  const batch = await ensureBatch(p, product, {
    batchNo: "20260110-A",
    productionDate: new Date("2026-01-10T00:00:00Z"),
    quantity: 3000,
    unit: "m",
    inspectionResult: "合格（出厂检验：导体电阻、绝缘厚度、耐压试验）",
    licenceNo: "(粤)XK06-001-00188",
    cccCertNo: "2024010105678901",
    components: [COPPER_LOT, PVC_LOT],
  });
  const reels = await ensureCodes(p, batch, TraceCodeType.MOTHER, 3);
  const segments = await ensureCodes(p, batch, TraceCodeType.SEGMENT, 6);
  for (const [index, reel] of reels.entries()) {
    await p.links.linkCodes(
      reel,
      [
        { code: segments[2 * index]!, segmentStart: 0, segmentEnd: 400, unit: "m" },
        { code: segments[2 * index + 1]!, segmentStart: 400, segmentEnd: 1000, unit: "m" },
      ],
      1000,
      OPERATOR,
    );
  }
  await extendAndRelease(p, batch, {
    keyComponents: [
      { name: "铜导体", supplier: DEMO_IDS.copperSupplier, lot: COPPER_LOT },
      { name: "PVC 绝缘料", supplier: DEMO_IDS.pvcSupplier, lot: PVC_LOT },
    ],
    testReports: ["粤质检 2026-DL-0110"],
    salesRegions: ["440000", "430000", "450000"],
    warranty: "质保 2 年",
  });
  const [gdReel, hnReel, gxReel] = reels as [string, string, string];
  await ship(p, [gdReel], DEMO_IDS.cableMaker, DEMO_IDS.gdDistributor, "2026-01-20T01:00:00Z", "cable-gd");
  await ship(p, [hnReel], DEMO_IDS.cableMaker, DEMO_IDS.hnDistributor, "2026-01-20T02:00:00Z", "cable-hn");
  await ship(p, [gxReel], DEMO_IDS.cableMaker, DEMO_IDS.gxDistributor, "2026-01-20T03:00:00Z", "cable-gx");
  await ship(p, [gdReel], DEMO_IDS.gdDistributor, DEMO_IDS.szRetailer, "2026-02-01T01:00:00Z", "cable-gd-sz");
  await ship(p, [hnReel], DEMO_IDS.hnDistributor, DEMO_IDS.csRetailer, "2026-02-01T02:00:00Z", "cable-hn-cs");
  await ship(p, [gxReel], DEMO_IDS.gxDistributor, DEMO_IDS.nnRetailer, "2026-02-01T03:00:00Z", "cable-gx-nn");
  // In region: Shenzhen segment in Nanshan, Hunan reel in Changsha, Guangxi segment in Nanning.
  await scan(p, segments[0]!, "440305", ScanRole.CONSUMER, "2026-02-10T04:00:00Z", "cable-sz-ok");
  await scan(p, segments[2]!, "430102", ScanRole.RETAILER, "2026-02-10T05:00:00Z", "cable-cs-ok");
  await scan(p, segments[5]!, "450103", ScanRole.CONSUMER, "2026-02-11T06:00:00Z", "cable-nn-ok");
  // Leak (窜货): a segment of the reel sold to Shenzhen turns up in Changsha.
  await scan(p, segments[1]!, "430102", ScanRole.INSPECTOR, "2026-02-12T03:00:00Z", "cable-leak-cs");
}

async function loadGasCooker(p: ProducerServices): Promise<void> {
  const product = await ensureProduct(p, {
    id: "demo-gas-jzt2",
    manufacturerId: DEMO_IDS.gasMaker,
    name: "家用燃气灶",
    brand: "华焰",
    model: "JZT-2-H08 嵌入式双眼灶",
    category: "家用燃气灶具",
    traceMode: TraceMode.PER_BATCH,
    standardNo: "GB 16410-2020",
  });
  await shipLots(p, [VALVE_LOT], DEMO_IDS.valveSupplier, DEMO_IDS.gasMaker, "2026-01-08T02:00:00Z", "valve-2601");
  const batch = await ensureBatch(p, product, {
    batchNo: "HY260115",
    productionDate: new Date("2026-01-15T00:00:00Z"),
    quantity: 500,
    unit: "台",
    inspectionResult: "合格（气密性、燃烧工况、熄火保护）",
    cccCertNo: "2021010502000318",
    components: [VALVE_LOT],
  });
  if (batch.status === BatchStatus.DRAFT) await p.issuance.issueCodes({ batchId: batch.id }, OPERATOR);
  await extendAndRelease(p, batch, {
    keyComponents: [{ name: "熄火保护阀", supplier: DEMO_IDS.valveSupplier, lot: VALVE_LOT }],
    certificates: ["CCC 2021010502000318"],
    salesRegions: ["440000"],
    salesChannel: "经销商",
    distributor: DEMO_IDS.gdDistributor,
  });
  await ship(p, [batch.key], DEMO_IDS.gasMaker, DEMO_IDS.gdDistributor, "2026-01-25T01:00:00Z", "gas-gd");
  await ship(p, [batch.key], DEMO_IDS.gdDistributor, DEMO_IDS.szRetailer, "2026-02-03T01:00:00Z", "gas-gd-sz");
  await scan(p, batch.key, "440305", ScanRole.CONSUMER, "2026-02-15T04:00:00Z", "gas-sz-ok");
  // Leak: the Guangdong-only cookers scanned at a market check in Changsha.
  await scan(p, batch.key, "430102", ScanRole.INSPECTOR, "2026-02-16T04:00:00Z", "gas-leak-cs");
}

async function ensureProduct(p: ProducerServices, input: ProductRequest): Promise<ProductRecord> {
  const existing = await orNull(p.products.product(input.id ?? ""));
  return existing ?? p.products.registerProduct(input, OPERATOR);
}

async function ensureBatch(
  p: ProducerServices,
  product: ProductRecord,
  input: Omit<BatchRequest, "productId">,
): Promise<BatchRecord> {
  const existing = await orNull(p.batches.batch(`${product.id}:${input.batchNo}`));
  return existing ?? p.batches.createBatch({ ...input, productId: product.id }, OPERATOR);
}

/** The batch's codes of one type, issuing `count` first when it has none (codes are random, so read them back). */
async function ensureCodes(p: ProducerServices, batch: BatchRecord, codeType: TraceCodeType, count: number) {
  const existing = await p.codes.codesOfBatch(batch.id, codeType, count, null, OPERATOR);
  if (existing.edges.length > 0) return existing.edges.map((e) => e.node.value);
  await p.issuance.issueCodes({ batchId: batch.id, count, codeType }, OPERATOR);
  return (await p.codes.codesOfBatch(batch.id, codeType, count, null, OPERATOR)).edges.map((e) => e.node.value);
}

async function extendAndRelease(p: ProducerServices, batch: BatchRecord, extended: Record<string, unknown>) {
  const current = await p.batches.batch(batch.id);
  if (current.status === BatchStatus.RELEASED) return;
  await p.batches.updateBatchInfo(
    { batchId: batch.id, extended, reason: "出厂前补录扩展追溯信息", note: "demo" },
    OPERATOR,
  );
  await p.batches.releaseBatch(batch.id, OPERATOR);
}

async function shipLots(p: ProducerServices, codes: string[], from: string, to: string, at: string, id: string) {
  await ship(p, codes, from, to, at, id);
}

async function ship(p: ProducerServices, codes: string[], from: string, to: string, at: string, id: string) {
  await p.market.recordShipment(
    {
      codes,
      fromOrganizationId: from,
      toOrganizationId: to,
      shippedAt: new Date(at),
      shipmentId: `demo-${id}`,
    },
    OPERATOR,
  );
}

async function scan(p: ProducerServices, code: string, regionCode: string, role: ScanRole, at: string, id: string) {
  await p.market.recordScan({ code, regionCode, role, scannedAt: new Date(at), scanId: `demo-${id}` }, OPERATOR);
}

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

function withCheckDigit(digits: string): string {
  return digits + gs1CheckDigit(digits);
}
