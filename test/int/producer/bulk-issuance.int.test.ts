import { OPERATOR } from "../../../src/access/principal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../../support/test-api.js";
import { testApplication, testServices, uniqueSuffix } from "../../support/test-services.js";
import { query } from "../../../src/graph/query.js";
import { createServices } from "../../../src/root/services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type IssueData,
  type ProductData,
} from "./producer-fixtures.js";

const JOB = `query($id: String!) { job(id: $id) { id status total done error } }`;

interface JobData {
  status: string;
  total: number;
  done: number;
  error: string | null;
}

async function waitForJob(id: string, timeoutMs: number): Promise<JobData> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { job } = await gqlData<{ job: JobData }>(JOB, { id });
    if (job.status !== "RUNNING" || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function codeStats(batchId: string) {
  const { executor } = await testServices();
  const rows = await executor.read(
    query(
      "test.bulkIssuance.counts",
      `MATCH (b:Batch {id: $batchId})
       OPTIONAL MATCH (b)-[:IN_LOT]->(c:Code)
       RETURN b.codeCount AS codeCount, count(c) AS codes, count(DISTINCT c.value) AS distinct`,
      { batchId },
    ),
  );
  return rows[0] as { codeCount: number; codes: number; distinct: number };
}

describe("bulk issuance: chunked transactions, a job with progress, unique under concurrency", () => {
  const suffix = uniqueSuffix();
  let product: ProductData;

  const newBatch = async (batchNo: string) =>
    (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(product.id, batchNo) })).createBatch;

  beforeAll(async () => {
    const orgs = await registerChain(suffix);
    product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `bulk-${suffix}` }),
      })
    ).registerProduct;
  });

  it("issues 100,000 item codes as a background job whose progress can be watched", { timeout: 300_000 }, async () => {
    const batch = await newBatch("BULK100K");
    const started = performance.now();
    const { issueCodes } = await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, {
      input: { batchId: batch.id, count: 100_000 },
      first: 1,
    });
    expect(issueCodes.job).toMatchObject({ status: "RUNNING", total: 100_000 });
    const job = await waitForJob(issueCodes.job!.id, 280_000);
    const seconds = (performance.now() - started) / 1000;
    console.info(`issued 100,000 codes in ${seconds.toFixed(1)} s (${Math.round(100_000 / seconds)} codes/s)`);
    expect(job).toMatchObject({ status: "DONE", done: 100_000, error: null });
    expect(await codeStats(batch.id)).toEqual({ codeCount: 100_000, codes: 100_000, distinct: 100_000 });
    const page = await gqlData<{ codeIssue: IssueData }>(
      `query($id: String!) { codeIssue(issueId: $id) { issued codes(first: 2) { edges { node { value status } } } } }`,
      { id: issueCodes.issueId },
    );
    expect(page.codeIssue.issued).toBe(100_000);
    expect(page.codeIssue.codes.edges).toHaveLength(2);
  });

  it(
    "keeps codes unique and counts right when two issuances run on one batch at once",
    { timeout: 120_000 },
    async () => {
      const batch = await newBatch("CONCURRENT");
      const input = { batchId: batch.id, count: 15_000 };
      const [a, b] = await Promise.all([
        gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, { input, first: 1 }),
        gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, { input, first: 1 }),
      ]);
      expect([a.issueCodes.issued, b.issueCodes.issued]).toEqual([15_000, 15_000]);
      expect(await codeStats(batch.id)).toEqual({ codeCount: 30_000, codes: 30_000, distinct: 30_000 });
    },
  );

  it("retries a chunk with fresh codes when its codes collide with existing ones", async () => {
    const batch = await newBatch("COLLIDE");
    const application = await testApplication();
    // The same byte stream twice: the second issuance draws exactly the first one's codes before fresh ones.
    const replaying = () => {
      let state = 0x2f6b9a1d; // mulberry32 from a fixed seed
      const next = () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) & 0xff;
      };
      return (bytes: number) => Uint8Array.from({ length: bytes }, next);
    };
    const issuerFor = (random: (n: number) => Uint8Array) =>
      createServices(application.config, application.logger, application.repositories, {
        issuance: { chunkSize: 50, random },
      }).producer.issuance;
    const first = await issuerFor(replaying()).issueCodes({ batchId: batch.id, count: 50 }, OPERATOR);
    const second = await issuerFor(replaying()).issueCodes({ batchId: batch.id, count: 50 }, OPERATOR);
    expect([first.issued, second.issued]).toEqual([50, 50]);
    expect(await codeStats(batch.id)).toEqual({ codeCount: 100, codes: 100, distinct: 100 });
  });
});
