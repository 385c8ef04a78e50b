import { describe, expect, it } from "vitest";
import { Oracle, regionCovers, type OracleGraph } from "./oracle.js";
import { generateSupplyChain, mod10CheckDigit, type SupplyChain } from "./supply-chain-generator.js";

/**
 * The oracle checked by hand against the contract's own examples and the small cases of test/int, without the
 * service: if these fail, the oracle (not the service) is wrong.
 */

type ChainParts = Pick<SupplyChain, "objects" | "edges"> & Partial<Omit<SupplyChain, "objects" | "edges">>;

function chain(parts: ChainParts): SupplyChain {
  return {
    seed: 0,
    runNumber: "0000000",
    organizations: [],
    containmentEnds: [],
    shipments: [],
    scans: [],
    instants: [],
    ...parts,
  };
}

const obj = (key: string, kind: "LOT" | "ITEM" | "CONTAINER") => ({
  key,
  kind,
  role: kind === "LOT" ? ("product" as const) : kind === "ITEM" ? ("item" as const) : ("case" as const),
  spellings: [],
});
const edge = (kind: "TRANSFORMED_INTO" | "IN_LOT" | "CONTAINED_IN", from: string, to: string, at = T0, q = false) => ({
  kind,
  from,
  to,
  at,
  quantityLevel: q,
  eventId: `${kind}:${from}:${to}:${at}`,
});
const ship = (objectKey: string, toOrgId: string, at: string, fromOrgId: string | null = null) => ({
  objectKey,
  toOrgId,
  fromOrgId,
  at,
  eventId: `ship:${objectKey}:${at}`,
});
const org = (id: string, authorizedRegions: string[], regionCode: string | null = null) => ({
  id,
  name: id,
  roles: ["DISTRIBUTOR" as const],
  regionCode,
  authorizedRegions,
  registered: true,
});

const T0 = "2026-01-01T00:00:00.000Z";
const depths = (graph: OracleGraph) => Object.fromEntries(graph.nodes.map((n) => [n.key, n.depth]));

describe("the oracle on the contract's examples", () => {
  it("covers regions as §3 says: 440000 covers 440305; 440300 covers 440305, not 441900", () => {
    expect(regionCovers("440000", "440305")).toBe(true);
    expect(regionCovers("440300", "440305")).toBe(true);
    expect(regionCovers("440300", "441900")).toBe(false);
    expect(regionCovers("440305", "440305")).toBe(true);
    expect(regionCovers("440305", "440306")).toBe(false);
    expect(regionCovers("440000", "430102")).toBe(false);
  });

  // The chain of test/int/trace.int.test.ts.
  const trace = new Oracle(
    chain({
      objects: [
        obj("component", "LOT"),
        obj("lot", "LOT"),
        obj("item1", "ITEM"),
        obj("item2", "ITEM"),
        obj("box", "CONTAINER"),
        obj("pallet", "CONTAINER"),
      ],
      edges: [
        edge("TRANSFORMED_INTO", "component", "lot"),
        edge("IN_LOT", "lot", "item1"),
        edge("IN_LOT", "lot", "item2"),
        edge("CONTAINED_IN", "item1", "box"),
        edge("CONTAINED_IN", "box", "pallet"),
      ],
      shipments: [
        ship("component", "S", "2026-01-01T00:00:00.000Z"),
        ship("pallet", "A", "2026-02-01T00:00:00.000Z", "S"),
        ship("item2", "B", "2026-02-02T00:00:00.000Z"),
      ],
    }),
  );

  it("gives downstream minimal depths, organisations one past their object, and the edges among the nodes", () => {
    const down = trace.downstream("lot");
    expect(depths(down)).toEqual({ lot: 0, item1: 1, item2: 1, box: 2, pallet: 3, B: 2, A: 4 });
    expect(down.edges).toContainEqual({ from: "pallet", to: "A", kind: "SHIPPED_TO" });
    expect(down.edges).not.toContainEqual(expect.objectContaining({ from: "component" }));
    expect(depths(trace.downstream("lot", { maxDepth: 1 }))).toEqual({ lot: 0, item1: 1, item2: 1, B: 2 });
    expect(depths(trace.downstream("lot", { maxDepth: 0 }))).toEqual({ lot: 0 });
    expect(depths(trace.downstream("item2", { maxDepth: 0 }))).toEqual({ item2: 0, B: 1 });
  });

  it("gives upstream the objects above the root and the senders and destinations of THEIR shipments", () => {
    expect(depths(trace.upstream("item1"))).toEqual({ item1: 0, lot: 1, component: 2, S: 3 });
    // The pallet's own shipment (S -> A) is not upstream of the pallet; the component's is.
    expect(depths(trace.upstream("pallet"))).toEqual({ pallet: 0, box: 1, item1: 2, lot: 3, component: 4, S: 5 });
  });

  // The chain of test/int/recall.int.test.ts.
  it("grades recall tiers and counts organisations and regions", () => {
    const recall = new Oracle(
      chain({
        objects: ["raw", "mixed", "clean"]
          .map((k) => obj(k, "LOT"))
          .concat(["i0", "i1", "i2"].map((k) => obj(k, "ITEM"))),
        edges: [
          edge("TRANSFORMED_INTO", "raw", "clean"),
          edge("TRANSFORMED_INTO", "raw", "mixed", T0, true),
          edge("IN_LOT", "clean", "i0"),
          edge("IN_LOT", "mixed", "i1"),
          edge("IN_LOT", "mixed", "i2"),
        ],
        organizations: [org("R", ["430102"], "430102")],
        shipments: [ship("i0", "R", "2026-04-01T00:00:00.000Z"), ship("i1", "R", "2026-04-01T00:00:01.000Z")],
        scans: [{ eventId: "s", objectKey: "i2", regionCode: "450103", at: "2026-04-02T00:00:00.000Z" }],
      }),
    ).recallImpact("raw");
    expect(Object.fromEntries(recall.objects.map((o) => [o.key, o.tier]))).toEqual({
      raw: "CERTAIN",
      clean: "CERTAIN",
      i0: "CERTAIN",
      mixed: "POSSIBLE",
      i1: "POSSIBLE",
      i2: "POSSIBLE",
    });
    expect(recall.organizations).toEqual([{ id: "R", objectCount: 2 }]);
    expect(recall.regions).toEqual(["430102", "450103"]);
  });

  // The chain of test/int/diversion.int.test.ts, plus a tie on time.
  it("judges scans: responsible organisation, rules, evidence through containers, ties to the nearest", () => {
    const d = "D";
    const diversion = new Oracle(
      chain({
        objects: [obj("item", "ITEM"), obj("inner", "ITEM"), obj("case", "CONTAINER"), obj("never", "ITEM")].concat([
          obj("pallet", "CONTAINER"),
        ]),
        edges: [edge("CONTAINED_IN", "inner", "case"), edge("CONTAINED_IN", "case", "pallet")],
        organizations: [org(d, ["440000"]), org("X", ["450000"])],
        shipments: [
          ship("item", d, "2026-03-01T00:00:00.000Z"),
          ship("case", d, "2026-03-01T00:00:00.000Z"),
          // One event ships the pallet and the case to X: equal times, the case is nearer to `inner`.
          { ...ship("pallet", "X", "2026-03-10T00:00:00.000Z"), eventId: "both" },
          { ...ship("case", "X", "2026-03-10T00:00:00.000Z"), eventId: "both" },
        ],
      }),
    );
    const judge = (objectKey: string, regionCode: string, at: string) =>
      diversion.judge({ eventId: "e", objectKey, regionCode, at: `2026-${at}T00:00:00.000Z` });
    expect(judge("item", "440305", "03-05").rule).toBeNull();
    expect(judge("item", "430102", "03-06")).toMatchObject({ rule: "REGION_MISMATCH", responsibleOrgId: d });
    expect(judge("item", "440305", "02-01")).toMatchObject({ rule: "NOT_SHIPPED", responsibleOrgId: null });
    expect(judge("item", "440305", "03-01").rule).toBeNull(); // at or before t
    expect(judge("inner", "450103", "03-07")).toMatchObject({
      rule: "REGION_MISMATCH",
      authorizedRegions: ["440000"],
      evidence: [["inner", "case", d]],
    });
    expect(judge("inner", "450103", "03-11")).toMatchObject({ rule: null, evidence: [["inner", "case", "X"]] });
    expect(judge("never", "440305", "03-07")).toMatchObject({ rule: "NOT_SHIPPED", evidence: [["never"]] });
  });

  it("follows only edges that hold at asOf; a DELETE ends containment at its instant, a second one changes nothing", () => {
    const t = (h: number) => `2026-05-01T${String(h).padStart(2, "0")}:00:00.000Z`;
    const parts = {
      objects: [obj("item", "ITEM"), obj("case", "CONTAINER"), obj("case2", "CONTAINER")],
      edges: [edge("CONTAINED_IN", "item", "case", t(1)), edge("CONTAINED_IN", "item", "case2", t(4))],
      containmentEnds: [
        { parent: "case", child: "item", at: t(3), eventId: "del1" },
        { parent: "case", child: null, at: t(5), eventId: "del2" },
      ],
    };
    const oracle = new Oracle(chain(parts));
    const keys = (asOf: string) => Object.keys(depths(oracle.downstream("item", { asOf }))).sort();
    expect(keys(t(0))).toEqual(["item"]);
    expect(keys(t(1))).toEqual(["case", "item"]);
    expect(keys(t(3))).toEqual(["item"]);
    expect(keys(t(4))).toEqual(["case2", "item"]);
    expect(oracle.repeatedlyEnded()).toEqual([{ child: "item", parent: "case", firstEnd: t(3), lastEnd: t(5) }]);
  });
});

describe("the generator", () => {
  it("is deterministic per seed: another run differs only in its run-unique identifiers", () => {
    const shape = (c: SupplyChain) => {
      const index = new Map<string, string>([
        ...c.objects.map((o, i): [string, string] => [o.key, `o${i}`]),
        ...c.organizations.map((o, i): [string, string] => [o.id, `g${i}`]),
      ]);
      const name = (key: string | null) => (key === null ? null : (index.get(key) ?? key));
      return {
        objects: c.objects.map((o) => `${o.kind} ${o.role}`),
        organizations: c.organizations.map((o) => [o.roles, o.regionCode, o.authorizedRegions, o.registered]),
        edges: c.edges.map((e) => [e.kind, name(e.from), name(e.to), e.at, e.quantityLevel]),
        ends: c.containmentEnds.map((e) => [name(e.parent), name(e.child), e.at]),
        shipments: c.shipments.map((s) => [name(s.objectKey), name(s.toOrgId), name(s.fromOrgId), s.at]),
        scans: c.scans.map((s) => [name(s.objectKey), s.regionCode, s.at]),
      };
    };
    const a = generateSupplyChain({ seed: 99, suffix: "aaaaaaaaaaaa" }).chain;
    const b = generateSupplyChain({ seed: 99, suffix: "bbbbbbbbbbbb" }).chain;
    expect(shape(a)).toEqual(shape(b));
    expect(a.objects[0]?.key).not.toBe(b.objects[0]?.key);
    expect(shape(generateSupplyChain({ seed: 100, suffix: "aaaaaaaaaaaa" }).chain)).not.toEqual(shape(a));
  });

  it("computes GS1 check digits (GS1 General Specifications examples)", () => {
    expect(mod10CheckDigit("400638133393")).toBe("1"); // GTIN-13 4006381333931
    expect(mod10CheckDigit("03600029145")).toBe("2"); // GTIN-12 036000291452
    expect(mod10CheckDigit("1061414107346")).toBe("4"); // GTIN-14 10614141073464
    expect(mod10CheckDigit("10614141234567890")).toBe("8"); // SSCC 106141412345678908
  });
});
