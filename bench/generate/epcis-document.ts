import type { ChainEvent } from "./supply-chain.js";

/**
 * EPCIS 2.0 JSON-LD for the model's events (GS1 EPCIS 2.0 §9 JSON binding, CBV 2.0 short names). Objects are named
 * by their GS1 Digital Link keys, which EPCIS 2.0 accepts wherever an EPC URI is expected.
 */
export type EpcisJson = Record<string, unknown>;

const CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"];
const ZONE = "+08:00";

function common(event: ChainEvent) {
  return { eventID: event.eventId, eventTime: event.at, eventTimeZoneOffset: ZONE };
}

function party(kind: "source" | "destination", id: string) {
  return { type: "owning_party", [kind]: id };
}

export function toEpcisEvent(event: ChainEvent): EpcisJson {
  switch (event.type) {
    case "commissionLot":
      return {
        type: "ObjectEvent",
        ...common(event),
        action: "ADD",
        bizStep: "commissioning",
        disposition: "active",
        epcList: [],
        quantityList: [{ epcClass: event.lot, quantity: 1000, uom: "KGM" }],
      };
    case "transform":
      return {
        type: "TransformationEvent",
        ...common(event),
        bizStep: "commissioning",
        disposition: "active",
        inputQuantityList: event.inputs.map((epcClass) => ({ epcClass, quantity: 100, uom: "KGM" })),
        outputQuantityList: [{ epcClass: event.output, quantity: 300, uom: "KGM" }],
      };
    case "commissionItems":
      return {
        type: "ObjectEvent",
        ...common(event),
        action: "ADD",
        bizStep: "commissioning",
        disposition: "active",
        epcList: event.items,
        ilmd: { "cbvmda:lotNumber": event.lotNumber },
      };
    case "pack":
      return {
        type: "AggregationEvent",
        ...common(event),
        action: "ADD",
        bizStep: "packing",
        disposition: "in_progress",
        parentID: event.parent,
        childEPCs: event.children,
      };
    case "ship":
      return {
        type: "ObjectEvent",
        ...common(event),
        action: "OBSERVE",
        bizStep: "shipping",
        disposition: "in_transit",
        epcList: event.objects,
        ...(event.classes.length
          ? { quantityList: event.classes.map((epcClass) => ({ epcClass, quantity: 100, uom: "KGM" })) }
          : {}),
        sourceList: [party("source", event.from)],
        destinationList: [party("destination", event.to)],
      };
    case "scan":
      return {
        type: "ObjectEvent",
        ...common(event),
        action: "OBSERVE",
        bizStep: "retail_selling",
        disposition: "retail_sold",
        epcList: [event.object],
      };
  }
}

/** One capture document holding `events` in order. */
export function epcisDocument(events: readonly ChainEvent[], creationDate: string): EpcisJson {
  return {
    "@context": CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate,
    epcisBody: { eventList: events.map(toEpcisEvent) },
  };
}
