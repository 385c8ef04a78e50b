import type { EventRow, ObjectKind, WritePlan } from "../../src/graph/flow-model.js";
import { emptyWritePlan } from "../../src/graph/flow-model.js";
import { toEpcisEvent } from "./epcis-document.js";
import type { ChainEvent } from "./supply-chain.js";

/**
 * The model's events as a WritePlan: the rows that EPCIS capture's mapping produces for the same document
 * (API-CONTRACT §2), written by the product's own FlowWriterRepository. Each event keeps its EPCIS JSON as its document.
 */
export function kindOfKey(key: string): ObjectKind {
  if (key.includes("/21/")) return "ITEM";
  if (key.includes("/10/")) return "LOT";
  if (key.includes("/00/")) return "CONTAINER";
  throw new Error(`no object kind for ${key}`);
}

export interface PlanCounts {
  events: number;
  objects: number;
  /** Relationships the plan creates: flow edges, shipments and scan links. */
  relationships: number;
}

export function toWritePlan(events: readonly ChainEvent[]): { plan: WritePlan; counts: PlanCounts } {
  const plan = emptyWritePlan();
  const objects = new Map<string, ObjectKind>();
  const orgs = new Set<string>();
  const named = (keys: readonly string[]) => {
    for (const key of keys) if (!objects.has(key)) objects.set(key, kindOfKey(key));
  };
  for (const event of events) {
    plan.events.push(eventRow(event));
    switch (event.type) {
      case "commissionLot":
        named([event.lot]);
        break;
      case "transform":
        named([...event.inputs, event.output]);
        for (const from of event.inputs) {
          plan.edges.push({
            kind: "TRANSFORMED_INTO",
            from,
            to: event.output,
            eventId: event.eventId,
            at: event.at,
            quantityLevel: true,
          });
        }
        break;
      case "commissionItems":
        named([event.lot, ...event.items]);
        for (const to of event.items)
          plan.edges.push({ kind: "IN_LOT", from: event.lot, to, eventId: event.eventId, at: event.at });
        break;
      case "pack":
        named([event.parent, ...event.children]);
        for (const from of event.children) {
          plan.edges.push({ kind: "CONTAINED_IN", from, to: event.parent, eventId: event.eventId, at: event.at });
        }
        break;
      case "ship":
        named([...event.objects, ...event.classes]);
        orgs.add(event.from).add(event.to);
        for (const objectKey of [...event.objects, ...event.classes]) {
          plan.shipments.push({
            objectKey,
            toOrgId: event.to,
            fromOrgId: event.from,
            eventId: event.eventId,
            at: event.at,
          });
        }
        break;
      case "scan":
        named([event.object]);
        plan.scans.push({
          eventId: event.eventId,
          objectKey: event.object,
          regionCode: event.regionCode,
          at: event.at,
          bizStep: "retail_selling",
          role: "CONSUMER",
        });
        break;
    }
  }
  plan.objects = [...objects].map(([key, kind]) => ({ key, kind }));
  plan.organizationIds = [...orgs];
  const relationships = plan.edges.length + plan.shipments.length + plan.scans.length;
  return { plan, counts: { events: plan.events.length, objects: plan.objects.length, relationships } };
}

function eventRow(event: ChainEvent): EventRow {
  const json = toEpcisEvent(event);
  return {
    eventId: event.eventId,
    type: String(json.type),
    eventTime: event.at,
    recordTime: event.at,
    ...(typeof json.action === "string" ? { action: json.action } : {}),
    ...(typeof json.bizStep === "string" ? { bizStep: json.bizStep } : {}),
    ...(typeof json.disposition === "string" ? { disposition: json.disposition } : {}),
    objectKeys: objectKeysOf(event),
    document: JSON.stringify(json),
    hashedId: false,
    ...partiesOf(event),
  };
}

/**
 * Who takes part (API-CONTRACT §6): the organisation acting, and for a shipment its sender and receiver; and what the
 * event commissioned, produced or packed (what capture's mapping derives from epcList, outputs and parentID).
 */
function partiesOf(
  event: ChainEvent,
): Pick<EventRow, "parties" | "sourceParties" | "destinationParties" | "actorOrganization" | "originates"> {
  switch (event.type) {
    case "ship":
      return { sourceParties: [event.from], destinationParties: [event.to], actorOrganization: event.from };
    case "commissionLot":
      return { parties: [event.org], actorOrganization: event.org, originates: [event.lot] };
    case "transform":
      return { parties: [event.org], actorOrganization: event.org, originates: [event.output] };
    case "commissionItems":
      return { parties: [event.org], actorOrganization: event.org, originates: [...event.items] };
    case "pack":
      return { parties: [event.org], actorOrganization: event.org, originates: [event.parent] };
    case "scan":
      return event.org ? { parties: [event.org], actorOrganization: event.org } : {};
  }
}

function objectKeysOf(event: ChainEvent): string[] {
  switch (event.type) {
    case "commissionLot":
      return [event.lot];
    case "transform":
      return [...event.inputs, event.output];
    case "commissionItems":
      return [event.lot, ...event.items];
    case "pack":
      return [event.parent, ...event.children];
    case "ship":
      return [...event.objects, ...event.classes];
    case "scan":
      return [event.object];
  }
}
