import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor } from "../../src/graph/executor.js";
import { emptyWritePlan, type EventRow, type WritePlan } from "../../src/graph/flow-model.js";
import type { FlowWriterRepository } from "../../src/graph/flow-writer.repository.js";
import { query } from "../../src/graph/query.js";
import { closeTestServices, testServices, uniqueSuffix } from "../support/test-services.js";

/**
 * The marks one write leaves do not depend on how its events were grouped into writes (API-CONTRACT §6): a maker
 * commissions two items, packs them into a case and ships the case to a distributor, in one plan and, under other
 * keys, in three plans. The receipts of the shipment (the case and the items in it, which the maker holds since it
 * originated them in the same write) give the distributor the same holding and history marks, the shipment the same
 * viewers and every party the same events to list either way.
 */
describe("visibility marks: one write or one write per event", () => {
  let executor: Executor;
  let writer: FlowWriterRepository;
  beforeAll(async () => {
    ({ executor, flowWriter: writer } = await testServices());
  });
  afterAll(closeTestServices);

  const T1 = "2026-05-01T08:00:00.000Z";
  const T2 = "2026-05-01T09:00:00.000Z";
  const T3 = "2026-05-01T10:00:00.000Z";

  /** The three events' plans, under keys and event ids ending in `tag`. */
  function plans(tag: string, maker: string, distributor: string): WritePlan[] {
    const [i1, i2, box] = [`test:one-write:i1:${tag}`, `test:one-write:i2:${tag}`, `test:one-write:case:${tag}`];
    const event = (id: string, at: string, row: Partial<EventRow> & Pick<EventRow, "type">): EventRow => ({
      eventId: `urn:uuid:one-write-${id}-${tag}`,
      eventTime: at,
      recordTime: at,
      objectKeys: [],
      document: "{}",
      hashedId: false,
      ...row,
    });
    const commission = event("commission", T1, {
      type: "ObjectEvent",
      action: "ADD",
      objectKeys: [i1, i2],
      epcKeys: [i1, i2],
      actorOrganization: maker,
    });
    const pack = event("pack", T2, {
      type: "AggregationEvent",
      action: "ADD",
      objectKeys: [box, i1, i2],
      parentKey: box,
      actorOrganization: maker,
    });
    const ship = event("ship", T3, {
      type: "ObjectEvent",
      action: "OBSERVE",
      bizStep: "shipping",
      objectKeys: [box],
      epcKeys: [box],
      sourceParties: [maker],
      destinationParties: [distributor],
      actorOrganization: maker,
    });
    return [
      {
        ...emptyWritePlan(),
        events: [commission],
        objects: [
          { key: i1, kind: "ITEM" },
          { key: i2, kind: "ITEM" },
        ],
        organizationIds: [maker],
      },
      {
        ...emptyWritePlan(),
        events: [pack],
        objects: [{ key: box, kind: "CONTAINER" }],
        edges: [i1, i2].map((from) => ({
          kind: "CONTAINED_IN" as const,
          from,
          to: box,
          eventId: pack.eventId,
          at: T2,
        })),
        organizationIds: [maker],
      },
      {
        ...emptyWritePlan(),
        events: [ship],
        shipments: [{ objectKey: box, toOrgId: distributor, fromOrgId: maker, eventId: ship.eventId, at: T3 }],
        organizationIds: [maker, distributor],
      },
    ];
  }

  function merged(parts: readonly WritePlan[]): WritePlan {
    const plan = emptyWritePlan();
    for (const part of parts) {
      plan.events.push(...part.events);
      plan.objects.push(...part.objects);
      plan.edges.push(...part.edges);
      plan.shipments.push(...part.shipments);
      plan.organizationIds = [...new Set([...plan.organizationIds, ...part.organizationIds])];
    }
    return plan;
  }

  /** Marks, viewers and sightings of what the plans wrote, with the tag taken out of keys and event ids. */
  async function written(tag: string): Promise<unknown> {
    const rows = await executor.read(
      query(
        "test.oneWriteMarks",
        `MATCH (o:Obj) WHERE o.key ENDS WITH $tag
         OPTIONAL MATCH (o)-[s:SHIPPED_TO]->(q:Organization)
         RETURN o.key AS key, o.fol AS fol, o.hist AS hist, o.held AS held, o.named AS named,
                s.viewers AS viewers, q.id AS receiver,
                COLLECT { MATCH (e:Event)<-[v:SEES_EVENT]-(p:Organization)
                          WHERE e.eventId ENDS WITH $tag AND e.eventId IN [s.eventId]
                          RETURN p.id ORDER BY p.id } AS sightings
         ORDER BY key`,
        { tag },
      ),
    );
    const events = await executor.read(
      query(
        "test.oneWriteSightings",
        `MATCH (e:Event)<-[:SEES_EVENT]-(p:Organization) WHERE e.eventId ENDS WITH $tag
         RETURN e.eventId AS eventId, p.id AS party ORDER BY eventId, party`,
        { tag },
      ),
    );
    return JSON.parse(JSON.stringify({ rows, events }).replaceAll(tag, "TAG"));
  }

  it("the distributor receives the case and its items whether the events come in one write or three", async () => {
    const suffix = uniqueSuffix();
    const maker = `test-one-write-maker-${suffix}`;
    const distributor = `test-one-write-distributor-${suffix}`;
    const [one, three] = [`1w${suffix}`, `3w${suffix}`];
    await writer.write(merged(plans(one, maker, distributor)));
    for (const plan of plans(three, maker, distributor)) await writer.write(plan);
    const together = await written(one);
    expect(together).toEqual(await written(three));
    // The receipts happened: the distributor holds the case and both items since the shipment.
    const held = (together as { rows: { key: string; held: string[] | null }[] }).rows.map((r) => r.held);
    const at = Date.parse(T3);
    expect(held).toEqual([
      [`${maker}|${Date.parse(T2)}`, `${distributor}|${at}`],
      [`${maker}|${Date.parse(T1)}`, `${distributor}|${at}`],
      [`${maker}|${Date.parse(T1)}`, `${distributor}|${at}`],
    ]);
  });
});
