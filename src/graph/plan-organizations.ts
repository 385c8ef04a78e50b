import type { EventRow, WritePlan } from "./flow-model.js";

/**
 * A write plan names organisations by the identifiers its source used: an EPCIS party by its GLN, a native write by
 * the id it was given. An organisation known by several (issue 14 item 7: its USCC and its GLNs) must be one node
 * with one id on every edge, party list and mark, so plans are rewritten to organisation ids before they are
 * checked or written. Pure: the lookup of identifiers is the caller's.
 */

/** Every organisation identifier a plan names. */
export function organizationIdsOfPlan(plan: WritePlan): string[] {
  const ids = new Set(plan.organizationIds);
  for (const event of plan.events) {
    for (const id of [...(event.sourceParties ?? []), ...(event.destinationParties ?? []), ...(event.parties ?? [])])
      ids.add(id);
  }
  for (const shipment of plan.shipments) {
    ids.add(shipment.toOrgId);
    if (shipment.fromOrgId !== undefined) ids.add(shipment.fromOrgId);
  }
  return [...ids];
}

/** The plan with every organisation named by its id (`ids`: identifier → organisation id); the same plan if none moves. */
export function withOrganizationIds(plan: WritePlan, ids: ReadonlyMap<string, string>): WritePlan {
  const to = (id: string) => ids.get(id) ?? id;
  if (![...ids].some(([from, id]) => from !== id)) return plan;
  const list = (values: readonly string[] | undefined) =>
    values === undefined ? undefined : [...new Set(values.map(to))];
  return {
    ...plan,
    events: plan.events.map((event) => withPartyIds(event, list)),
    shipments: plan.shipments.map((s) => ({
      ...s,
      toOrgId: to(s.toOrgId),
      ...(s.fromOrgId !== undefined && { fromOrgId: to(s.fromOrgId) }),
    })),
    organizationIds: [...new Set(plan.organizationIds.map(to))],
  };
}

function withPartyIds(
  event: EventRow,
  list: (values: readonly string[] | undefined) => string[] | undefined,
): EventRow {
  const rewritten: EventRow = { ...event };
  for (const name of ["sourceParties", "destinationParties", "parties"] as const) {
    const values = list(event[name]);
    if (values !== undefined) rewritten[name] = values;
  }
  return rewritten;
}
