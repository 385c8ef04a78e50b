import type { Driver } from "neo4j-driver";
import type { WritePlan } from "../../src/graph/flow-model.js";
import type { AnswerSets } from "./same-answer.js";

/**
 * What a write measure wrote, for the check that ours and the baseline wrote the same graph (issue 19: a benchmark
 * that cannot flatter us). Both sides write the same document under their own fresh keys (same seed, another
 * namespace), so objects and events are named by their place in the document's plan, not by key or id: the sets are
 * the events (type, time, parties), the objects (kind and their marks `fol`, `hist`, `held`, `named`), the flow edges
 * and shipments touching them (with `parties`, `writer`, `viewers`) and the `SEES_EVENT` sightings of the events.
 * Lists that are sets in the contract are compared sorted. Bookkeeping of capture (writeId, capturedAt, the event's
 * JSON, the outbox) is not compared.
 */
const READ_EVENTS = `
UNWIND $ids AS id
MATCH (e:Event {eventId: id})
OPTIONAL MATCH (o:Organization)-[v:SEES_EVENT]->(e)
RETURN e.eventId AS id, e.type AS type, e.action AS action, e.bizStep AS bizStep, e.eventTime.epochMillis AS at,
       e.parties AS parties,
       collect(CASE WHEN v IS NULL THEN null ELSE [o.id, v.party, toString(v.at.epochMillis), v.eventId] END) AS sightings`;

const READ_OBJECTS = `
UNWIND $keys AS key
MATCH (o:Obj {key: key})
RETURN o.key AS key, o.kind AS kind, o.fol AS fol, o.hist AS hist, o.held AS held, o.named AS named,
       [(o)-[r:TRANSFORMED_INTO|IN_LOT|CONTAINED_IN]-(b:Obj) |
         [type(r), startNode(r).key, endNode(r).key, r.eventId, toString(r.at.epochMillis), toString(r.quantityLevel),
          r.parties, r.viewers]] AS edges,
       [(o)-[s:SHIPPED_TO]->(org:Organization) |
         [org.id, s.eventId, toString(s.at.epochMillis), s.fromOrgId, s.writer, s.parties, s.viewers]] AS shipments`;

type Cell = string | number | boolean | null | undefined | Cell[];

export async function writtenGraph(driver: Driver, plan: WritePlan): Promise<AnswerSets> {
  const objectNames = new Map(plan.objects.map((o, i) => [o.key, `o${i}`]));
  const eventNames = new Map(plan.events.map((e, i) => [e.eventId, `e${i}`]));
  const name = (value: Cell): string => {
    if (value === null || value === undefined) return "-";
    if (Array.isArray(value)) return `[${value.map(name).sort().join(",")}]`;
    const text = String(value);
    return objectNames.get(text) ?? eventNames.get(text) ?? text;
  };
  const session = driver.session({ defaultAccessMode: "READ" });
  try {
    const events = await session.run(READ_EVENTS, { ids: plan.events.map((e) => e.eventId) });
    const objects = await session.run(READ_OBJECTS, { keys: plan.objects.map((o) => o.key) });
    const sets: AnswerSets = {
      events: new Set(),
      sightings: new Set(),
      objects: new Set(),
      edges: new Set(),
      shipments: new Set(),
    };
    for (const r of events.records) {
      const id = name(r.get("id") as string);
      const at = String(r.get("at"));
      sets.events?.add(
        `${id} ${name(r.get("type") as Cell)} ${name(r.get("action") as Cell)} ${name(r.get("bizStep") as Cell)} t=${at} parties=${name(r.get("parties") as Cell)}`,
      );
      for (const s of r.get("sightings") as (Cell[] | null)[]) {
        if (s) sets.sightings?.add(`${name(s[0])} sees ${id} party=${name(s[1])} at=${name(s[2])} id=${name(s[3])}`);
      }
    }
    for (const r of objects.records) {
      const key = name(r.get("key") as string);
      sets.objects?.add(
        `${key} ${name(r.get("kind") as Cell)} fol=${name(r.get("fol") as Cell)} hist=${name(r.get("hist") as Cell)} held=${name(r.get("held") as Cell)} named=${name(r.get("named") as Cell)}`,
      );
      for (const e of r.get("edges") as Cell[][]) {
        const [kind, from, to, eventId, at, quantityLevel, parties, viewers] = e;
        sets.edges?.add(
          `${name(from)} -${name(kind)}-> ${name(to)} ${name(eventId)} at=${name(at)} q=${name(quantityLevel)} parties=${name(parties)} viewers=${name(viewers)}`,
        );
      }
      for (const s of r.get("shipments") as Cell[][]) {
        const [to, eventId, at, from, writer, parties, viewers] = s;
        sets.shipments?.add(
          `${key} -SHIPPED_TO-> ${name(to)} ${name(eventId)} at=${name(at)} from=${name(from)} writer=${name(writer)} parties=${name(parties)} viewers=${name(viewers)}`,
        );
      }
    }
    return sets;
  } finally {
    await session.close();
  }
}
