import { OPERATOR } from "../../src/access/principal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { firstErrorCode, gqlData } from "../support/test-api.js";
import { gqlAs, principalOf } from "../support/gql-as.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";
import { PlanBuilder } from "../support/plan-builder.js";
import { OrgRole } from "../../src/registry/org-role.js";

const NODE = "id state rule history { state actor actorOrganizationId note at }";
const ALERTS = `query($filter: DiversionFilter) { diversionAlerts(filter: $filter, first: 50) { edges { node { ${NODE} } } } }`;
const step = (name: string) => `mutation($id: String!, $note: String!) { ${name}(id: $id, note: $note) { ${NODE} } }`;
const TRANSFER = `mutation($a: String!, $b: String!, $allowed: Boolean) {
  authorizeTransfer(fromOrganizationId: $a, toOrganizationId: $b, allowed: $allowed)
}`;

interface Step {
  state: string;
  actor: string | null;
  actorOrganizationId: string | null;
  note: string;
  at: string;
}
interface AlertNode {
  id: string;
  state: string;
  rule: string;
  history: Step[];
}
interface AlertsData {
  diversionAlerts: { edges: { node: AlertNode }[] };
}

/** Issue 14 item 6: an alert's life (open, acknowledged, resolved or dismissed), kept forever, per API-CONTRACT §6. */
describe("a diversion alert's life", () => {
  const suffix = uniqueSuffix();
  const gd = `https://example.com/org/life-gd-${suffix}`;
  const hn = `https://example.com/org/life-hn-${suffix}`;
  const stranger = `https://example.com/org/life-x-${suffix}`;
  const b = new PlanBuilder(suffix);
  const leakedItem = b.item();
  const otherItem = b.item();
  const at = (day: number) => `2026-04-${String(day).padStart(2, "0")}T08:00:00Z`;
  let leaked = "";
  let other = "";
  const asGd = principalOf("PARTNER", gd);

  beforeAll(async () => {
    const services = await testServices();
    for (const [id, region] of [
      [gd, "440000"],
      [hn, "430000"],
      [stranger, "450000"],
    ] as const) {
      await services.organizationService.upsertOrganization(
        { id, name: id, roles: [OrgRole.DISTRIBUTOR], regionCode: region, authorizedRegions: [region] },
        OPERATOR,
      );
    }
    b.ship(leakedItem, gd, at(1)).ship(otherItem, gd, at(1));
    leaked = b.scan(leakedItem, "430102", at(2));
    other = b.scan(otherItem, "450103", at(2));
    await services.flowWriter.write(b.plan);
  });

  const alertsOf = async (objectKey: string, states?: string[]) =>
    (await gqlData<AlertsData>(ALERTS, { filter: { objectKey, ...(states ? { states } : {}) } })).diversionAlerts.edges;

  it("raises an alert OPEN, with its raising as the first step of its history", async () => {
    const [edge] = await alertsOf(leakedItem);
    expect(edge?.node).toMatchObject({ id: leaked, state: "OPEN", rule: "REGION_MISMATCH" });
    expect(edge?.node.history).toEqual([expect.objectContaining({ state: "OPEN", actor: null })]);
  });

  it("is acknowledged by its responsible organisation, then resolved by an authorised transfer, history intact", async () => {
    const ack = await gqlAs<{ acknowledgeAlert: AlertNode }>(asGd, step("acknowledgeAlert"), {
      id: leaked,
      note: "区域经理核查中",
    });
    expect(ack.errors).toBeUndefined();
    expect(ack.data?.acknowledgeAlert.state).toBe("ACKNOWLEDGED");

    await gqlData(TRANSFER, { a: gd, b: hn });
    expect(await alertsOf(leakedItem)).toEqual([]); // no longer to be dealt with: the default lists OPEN, ACKNOWLEDGED
    const [edge] = await alertsOf(leakedItem, ["RESOLVED"]);
    expect(edge?.node.state).toBe("RESOLVED");
    expect(edge?.node.history.map((s) => [s.state, s.actorOrganizationId, s.note])).toEqual([
      ["OPEN", null, "raised by the scan"],
      ["ACKNOWLEDGED", gd, "区域经理核查中"],
      ["RESOLVED", null, "authorised transfer"],
    ]);
    expect(edge?.node.history[1]?.actor).toBe(asGd.credentialId);
    expect(edge?.node.history[2]?.actor).toBeTruthy();
  });

  it("opens again when the transfer is revoked, keeping every earlier step", async () => {
    await gqlData(TRANSFER, { a: gd, b: hn, allowed: false });
    const [edge] = await alertsOf(leakedItem);
    expect(edge?.node.state).toBe("OPEN");
    expect(edge?.node.history.map((s) => s.state)).toEqual(["OPEN", "ACKNOWLEDGED", "RESOLVED", "OPEN"]);
    expect(edge?.node.history[3]?.note).toBe("re-opened: transfer revoked");
  });

  it("answers NOT_FOUND to a party that may not see the alert, and changes nothing", async () => {
    const result = await gqlAs(principalOf("PARTNER", stranger), step("dismissAlert"), { id: other, note: "不相关" });
    expect(firstErrorCode(result)).toBe("NOT_FOUND");
    const unknown = await gqlAs(asGd, step("dismissAlert"), { id: `${other}-unknown`, note: "x" });
    expect(firstErrorCode(unknown)).toBe("NOT_FOUND");
    expect((await alertsOf(otherItem))[0]?.node.state).toBe("OPEN");
  });

  it("lets a regulator read alerts but not change them", async () => {
    const result = await gqlAs(principalOf("REGULATOR", null), step("resolveAlert"), { id: other, note: "x" });
    expect(firstErrorCode(result)).toBe("FORBIDDEN");
  });

  it("dismisses an alert once: a closed alert cannot be dismissed or acknowledged again", async () => {
    const dismissed = await gqlAs<{ dismissAlert: AlertNode }>(asGd, step("dismissAlert"), {
      id: other,
      note: "样品，非销售",
    });
    expect(dismissed.data?.dismissAlert.state).toBe("DISMISSED");
    const again = await gqlAs(asGd, step("acknowledgeAlert"), { id: other, note: "x" });
    expect(firstErrorCode(again)).toBe("CONFLICT");
    const blank = await gqlAs(asGd, step("resolveAlert"), { id: leaked, note: "  " });
    expect(firstErrorCode(blank)).toBe("BAD_USER_INPUT");
    const [edge] = await alertsOf(otherItem, ["DISMISSED"]);
    expect(edge?.node.history.map((s) => s.state)).toEqual(["OPEN", "DISMISSED"]);
  });
});
