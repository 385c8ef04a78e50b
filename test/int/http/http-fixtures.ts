import { randomInt } from "node:crypto";
import { query } from "../../../src/graph/query.js";
import { gqlData } from "../../support/test-api.js";
import { testServices } from "../../support/test-services.js";
import { startTestApp } from "../../support/test-app.js";
import { randomUscc } from "../../support/random-identifiers.js";

/** The whole HTTP app (GraphQL plus every REST route) on an ephemeral port. */
export const startHttpApp = startTestApp;

export { randomGtin13, randomUscc } from "../../support/random-identifiers.js";

const UPSERT_ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`;
const REGISTER_PRODUCT = `mutation($input: ProductInput!) { registerProduct(input: $input) { id key gtin } }`;
const CREATE_BATCH = `mutation($input: BatchInput!) { createBatch(input: $input) { id key batchNo } }`;
const ISSUE_CODES = `mutation($input: IssueCodesInput!) { issueCodes(input: $input) { issueId issued } }`;
const BATCH_CODES = `query($id: ID!, $after: String) {
  batch(id: $id) { codes(first: 500, after: $after) { edges { node { value status } } pageInfo { hasNextPage endCursor } } }
}`;
const RELEASE = `mutation($batchId: ID!) { releaseBatch(batchId: $batchId) { status } }`;
const SCAN = `mutation($input: ScanInput!) { recordScan(input: $input) { duplicate } }`;

export interface MadeBatch {
  maker: string;
  product: { id: string; key: string; gtin: string | null };
  batch: { id: string; key: string; batchNo: string };
  codes: string[];
}

export interface BatchSpec {
  suffix: string;
  makerName?: string;
  name?: string;
  model?: string;
  gtin?: string;
  /** Item codes to issue; 0 issues none (PER_BATCH issues the batch's own code). */
  count: number;
  traceMode?: "PER_ITEM" | "PER_BATCH";
  release?: boolean;
  extended?: Record<string, unknown>;
}

/**
 * A registered manufacturer, a product (a cable: licence and CCC are required and shown), a batch, `count` item
 * codes, optionally released: everything through the producer's GraphQL mutations.
 */
export async function makeBatch(spec: BatchSpec): Promise<MadeBatch> {
  const maker = randomUscc();
  await gqlData(UPSERT_ORG, {
    input: {
      id: maker,
      name: spec.makerName ?? `粤缆电线电缆 ${spec.suffix}`,
      roles: ["MANUFACTURER"],
      regionCode: "441900",
    },
  });
  const { registerProduct: product } = await gqlData<{ registerProduct: MadeBatch["product"] }>(REGISTER_PRODUCT, {
    input: {
      id: `http-${spec.suffix}-${randomInt(1e9)}`,
      manufacturerId: maker,
      name: spec.name ?? "聚氯乙烯绝缘电缆",
      brand: "粤缆",
      model: spec.model ?? "BV 450/750V 2.5mm²",
      category: "电线电缆",
      traceMode: spec.traceMode ?? "PER_ITEM",
      standardNo: "GB/T 5023.3-2008",
      ...(spec.gtin ? { gtin: spec.gtin } : {}),
    },
  });
  const { createBatch: batch } = await gqlData<{ createBatch: MadeBatch["batch"] }>(CREATE_BATCH, {
    input: {
      productId: product.id,
      batchNo: `L${spec.suffix}`,
      productionDate: "2026-01-15",
      quantity: 5000,
      unit: "m",
      inspectionResult: "合格",
      licenceNo: "XK06-001-00123",
      cccCertNo: "2020010105123456",
      ...(spec.extended ? { extended: spec.extended } : {}),
    },
  });
  if (spec.traceMode === "PER_BATCH") await gqlData(ISSUE_CODES, { input: { batchId: batch.id } });
  else if (spec.count > 0) await gqlData(ISSUE_CODES, { input: { batchId: batch.id, count: spec.count } });
  if (spec.release) await gqlData(RELEASE, { batchId: batch.id });
  return { maker, product, batch, codes: (await batchCodes(batch.id)).map((c) => c.value) };
}

/** Every code issued under a batch with its status, in value order, through GraphQL. */
export async function batchCodes(batchId: string): Promise<{ value: string; status: string }[]> {
  const out: { value: string; status: string }[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = {
      batch: {
        codes: {
          edges: { node: { value: string; status: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    };
    const data: Page = await gqlData<Page>(BATCH_CODES, { id: batchId, after });
    out.push(...data.batch.codes.edges.map((e) => e.node));
    if (!data.batch.codes.pageInfo.hasNextPage) return out;
    after = data.batch.codes.pageInfo.endCursor;
  }
}

export async function recordScan(code: string, regionCode: string, scannedAt: string): Promise<void> {
  await gqlData(SCAN, { input: { code, regionCode, scannedAt, role: "CONSUMER" } });
}

/**
 * There is no recall mutation in the producer's flow yet: a test that needs a RECALLED batch sets the status the
 * way a recall would, directly.
 */
export async function markRecalled(batchId: string, reason: string): Promise<void> {
  const services = await testServices();
  await services.executor.write(
    query(
      "test.fixtures.recallBatch",
      `MATCH (b:Batch {id: $batchId}) SET b.status = "RECALLED", b.recallReason = $reason, b.recalledAt = datetime()`,
      {
        batchId,
        reason,
      },
    ),
  );
}
