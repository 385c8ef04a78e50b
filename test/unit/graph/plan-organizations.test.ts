import { describe, expect, it } from "vitest";
import { emptyWritePlan } from "../../../src/graph/flow-model.js";
import { organizationIdsOfPlan, withOrganizationIds } from "../../../src/graph/plan-organizations.js";

const MAKER = "uscc:91350100M000100Y43";
const GLN = "https://id.gs1.org/417/6901234000009";
const SHOP = "uscc:91440305MA5FLNE41X";

function plan() {
  const p = emptyWritePlan();
  p.events.push({
    eventId: "e1",
    type: "ObjectEvent",
    eventTime: "2026-02-01T00:00:00.000Z",
    recordTime: "2026-02-01T00:00:00.000Z",
    objectKeys: ["k"],
    document: "{}",
    hashedId: false,
    sourceParties: [GLN],
    destinationParties: [SHOP],
  });
  p.shipments.push({ objectKey: "k", toOrgId: SHOP, fromOrgId: GLN, eventId: "e1", at: "2026-02-01T00:00:00.000Z" });
  p.organizationIds.push(GLN, SHOP);
  return p;
}

describe("a plan's organisations by their ids", () => {
  it("lists every organisation a plan names", () => {
    expect(organizationIdsOfPlan(plan()).sort()).toEqual([GLN, SHOP].sort());
  });

  it("names an organisation known by a further identifier by its id everywhere", () => {
    const rewritten = withOrganizationIds(
      plan(),
      new Map([
        [GLN, MAKER],
        [SHOP, SHOP],
      ]),
    );
    expect(rewritten.events[0]?.sourceParties).toEqual([MAKER]);
    expect(rewritten.events[0]?.destinationParties).toEqual([SHOP]);
    expect(rewritten.shipments[0]).toMatchObject({ fromOrgId: MAKER, toOrgId: SHOP });
    expect(rewritten.organizationIds).toEqual([MAKER, SHOP]);
  });

  it("returns the same plan when no identifier moves", () => {
    const original = plan();
    expect(withOrganizationIds(original, new Map([[GLN, GLN]]))).toBe(original);
  });
});
