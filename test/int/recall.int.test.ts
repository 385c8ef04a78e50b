import { OPERATOR } from "../../src/access/principal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../support/test-api.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";
import { PlanBuilder } from "../support/plan-builder.js";

const RECALL = `query($code: String!, $first: Int, $after: String) {
  recallImpact(code: $code) {
    root totalCount regions
    organizations { organization { id } objectCount }
    objects(first: $first, after: $after) { edges { node { key kind } tier } pageInfo { hasNextPage endCursor } }
  }
}`;

interface RecallData {
  recallImpact: {
    root: string;
    totalCount: number;
    regions: string[];
    organizations: { organization: { id: string }; objectCount: number }[];
    objects: {
      edges: { node: { key: string; kind: string }; tier: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

describe("recall impact", () => {
  const suffix = uniqueSuffix();
  const b = new PlanBuilder(suffix);
  const retailer = `https://example.com/org/r-${suffix}`;
  const rawLot = b.lot();
  const mixedLot = b.lot();
  const cleanLot = b.lot();
  const items = [b.item(), b.item(), b.item()];

  beforeAll(async () => {
    const services = await testServices();
    await services.organizationService.upsertOrganization(
      {
        id: retailer,
        name: "长沙市芙蓉区安居建材店",
        roles: [],
        regionCode: "430102",
        authorizedRegions: ["430102"],
      },
      OPERATOR,
    );
    // rawLot went into cleanLot by instance and into mixedLot only as a commingled quantity.
    b.edge("TRANSFORMED_INTO", rawLot, cleanLot)
      .edge("TRANSFORMED_INTO", rawLot, mixedLot, undefined, true)
      .edge("IN_LOT", cleanLot, items[0]!)
      .edge("IN_LOT", mixedLot, items[1]!)
      .edge("IN_LOT", mixedLot, items[2]!)
      .ship(items[0]!, retailer, "2026-04-01T00:00:00Z")
      .ship(items[1]!, retailer, "2026-04-01T00:00:00Z");
    b.scan(items[2]!, "450103", "2026-04-02T00:00:00Z");
    await services.flowWriter.write(b.plan);
  });

  it("counts every downstream object, the organisations holding them and the regions touched", async () => {
    const { recallImpact } = await gqlData<RecallData>(RECALL, { code: rawLot });
    expect(recallImpact.totalCount).toBe(6);
    expect(recallImpact.organizations).toEqual([{ organization: { id: retailer }, objectCount: 2 }]);
    expect(recallImpact.regions).toEqual(["430102", "450103"]);
  });

  it("grades objects reached only through a commingled input as POSSIBLE", async () => {
    const { recallImpact } = await gqlData<RecallData>(RECALL, { code: rawLot, first: 100 });
    const tier = Object.fromEntries(recallImpact.objects.edges.map((e) => [e.node.key, e.tier]));
    expect(tier).toEqual({
      [rawLot]: "CERTAIN",
      [cleanLot]: "CERTAIN",
      [items[0]!]: "CERTAIN",
      [mixedLot]: "POSSIBLE",
      [items[1]!]: "POSSIBLE",
      [items[2]!]: "POSSIBLE",
    });
  });

  it("answers a first page read with the counts exactly as a page read on its own", async () => {
    // first: 100 comes from the summary statement, first: 1000 from the page query: same objects, tiers and info.
    const prefetched = await gqlData<RecallData>(RECALL, { code: rawLot, first: 100 });
    const paged = await gqlData<RecallData>(RECALL, { code: rawLot, first: 1000 });
    expect(prefetched.recallImpact.objects).toEqual(paged.recallImpact.objects);
    const two = await gqlData<RecallData>(RECALL, { code: rawLot, first: 2 });
    expect(two.recallImpact.objects.edges).toEqual(paged.recallImpact.objects.edges.slice(0, 2));
    expect(two.recallImpact.objects.pageInfo.hasNextPage).toBe(true);
  });

  it("names the organisations holding affected objects as registered", async () => {
    const data = await gqlData<{ recallImpact: { organizations: { organization: { name: string } }[] } }>(
      `query($code: String!) { recallImpact(code: $code) { organizations { organization { name } } } }`,
      { code: rawLot },
    );
    expect(data.recallImpact.organizations).toEqual([{ organization: { name: "长沙市芙蓉区安居建材店" } }]);
  });

  it("pages the affected objects by key without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: RecallData = await gqlData<RecallData>(RECALL, { code: rawLot, first: 4, after });
      seen.push(...data.recallImpact.objects.edges.map((e) => e.node.key));
      if (!data.recallImpact.objects.pageInfo.hasNextPage) break;
      after = data.recallImpact.objects.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect([...seen]).toEqual([...seen].sort());
  });
});
