import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../../support/test-api.js";
import { testServices } from "../../support/test-services.js";
import { loadProducerDemo } from "../../../seeds/demo-producer.seed.js";
import { DEMO_IDS } from "../../../seeds/demo-organizations.js";
import { query } from "../../../src/graph/query.js";
import type { TraceData } from "./producer-fixtures.js";

async function demoCounts() {
  const { executor } = await testServices();
  const rows = await executor.read(
    query(
      "test.demoSeed.counts",
      `
      MATCH (b:Batch) WHERE b.productId IN ["demo-cable-bv25", "demo-gas-jzt2"]
      OPTIONAL MATCH (b)-[:IN_LOT]->(c:Code)
      WITH collect(DISTINCT b) AS batches, count(c) AS codes
      OPTIONAL MATCH (s:Scan) WHERE s.eventId STARTS WITH "native:scan:demo-"
      OPTIONAL MATCH (a:Alert {id: s.id})
      RETURN size(batches) AS batches, codes, count(DISTINCT s) AS scans, collect(DISTINCT a.rule) AS rules,
             count(DISTINCT a) AS alerts`,
    ),
  );
  return rows[0];
}

describe("the producer demo seed", () => {
  beforeAll(async () => {
    const services = await testServices();
    await loadProducerDemo(services);
  }, 120_000);

  it("is idempotent: loading it again writes nothing new", async () => {
    const before = await demoCounts();
    await loadProducerDemo(await testServices());
    expect(await demoCounts()).toEqual(before);
    expect(before).toMatchObject({ batches: 2, codes: 9, scans: 6, alerts: 2, rules: ["REGION_MISMATCH"] });
  });

  it("lets the cable be traced from its copper supplier to all three distributors and their retailers", async () => {
    const data = await gqlData<TraceData>(
      `query($code: String!) { down: downstream(code: $code) { root nodes { key kind depth } edges { from to kind } }
                               up: upstream(code: $code) { root nodes { key kind depth } edges { from to kind } } }`,
      { code: "urn:epc:class:lgtin:6901234.100001.CU260105" },
    );
    const keys = data.down.nodes.map((n) => n.key);
    for (const org of ["gdDistributor", "hnDistributor", "gxDistributor", "szRetailer", "csRetailer", "nnRetailer"]) {
      expect(keys).toContain(DEMO_IDS[org as keyof typeof DEMO_IDS]);
    }
  });
});
