import { randomInt, randomUUID } from "node:crypto";
import { vi } from "vitest";
import type { Principal } from "../../../src/access/principal.js";
import { principalOf } from "../../support/gql-as.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { gql } from "../../support/test-api.js";
import { cableBatch, cableProduct } from "../../int/producer/producer-fixtures.js";
import { mod10CheckDigit } from "../supply-chain-generator.js";
import type {
  ChainEvent,
  ChainLog,
  ChainObjectInfo,
  EpcisEventRecord,
  EventId,
  LocationRef,
  NativeEventRecord,
  ObjectKey,
  OrgId,
} from "./chain-model.js";

/**
 * Replays a model chain (chain-model.ts, random-chain.ts) through the real GraphQL API, the way the model's author
 * describes it: organisations, locations and products registered as the operator or the maker; EPCIS events captured
 * as their writer's principal; native events through the producer's flow (createBatch, issueCodes, linkCodes,
 * recordShipment) as their writer, or as the operator when the model's writer is null.
 *
 * What the real API needs and the model does not say, and how the replay answers it:
 * - run-unique names: organisations get fresh `uscc:` ids, GS1 objects a fresh company prefix, events fresh UUIDs;
 * - native objects get their keys from the service (batch keys, issued codes): the model key -> real key map is kept;
 * - native production has no time argument (the service stamps "now"), so the replay runs with a fake Date (only
 *   `Date`, no timers) set to the model's time of each write: production happens when the model says it does;
 * - the service refuses a shipment whose from = to (BAD_USER_INPUT): such native self-shipments are left out of the
 *   replay AND of the model's log (`adjustments` says which);
 * - a mother or bundle code is issued under a batch, and the service adds batch -> code IN_LOT for it: the model's
 *   issue event of that code gets `batch` (the batch of what it contains), so the model has the same edge;
 * - shipping a native code needs its batch released (出厂), and release ends issuance: a native shipment waits until
 *   every issuance of its batches was replayed; other native events wait for the objects they name to exist. EPCIS
 *   events never wait: they arrive in the log's (out-of-time) order;
 * - a supplier's native lot has no item codes in the model: its product is 一批一码 (PER_BATCH), whose one code is
 *   the batch's own key, issued just before release (no object, no edge);
 * - a TransformationEvent with no inputs and no transformationID is not valid EPCIS 2.0: it gets a transformationID
 *   of its own (one event per transformation, the same edges: none).
 */

export interface ReplayedChain {
  /** The model's log as replayed: what the model must be derived from. */
  log: ChainLog;
  /** Model organisation -> real organisation id. */
  orgIds: ReadonlyMap<OrgId, string>;
  /** Model object key -> canonical real key. */
  keys: ReadonlyMap<ObjectKey, string>;
  /** Real key or organisation id -> the model's name, for messages. */
  names: ReadonlyMap<string, string>;
  /** Model event ids in the order they were written. */
  replayOrder: EventId[];
  /** What the replay changed in the model's log, and why. */
  adjustments: string[];
  /** The role each organisation's credential has (MANUFACTURER or PARTNER; REGULATOR for regulators). */
  roles: ReadonlyMap<OrgId, Principal["role"]>;
  /**
   * Model event id -> the real eventID, for the events whose id the replay learns: captured EPCIS events and native
   * shipments (batch creation, issuance and links answer no event id).
   */
  eventIds: ReadonlyMap<EventId, string>;
}

const CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"];
const CANONICAL = "https://id.gs1.org";
const ADMIN = principalOf("ADMIN", null);

const UPSERT_ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`;
const UPSERT_LOCATION = `mutation($input: LocationInput!) { upsertLocation(input: $input) { id } }`;
const REGISTER_PRODUCT = `mutation($input: ProductInput!) { registerProduct(input: $input) { id } }`;
const CREATE_BATCH = `mutation($input: BatchInput!) { createBatch(input: $input) { id key } }`;
const ISSUE_CODES = `mutation($input: IssueCodesInput!, $first: Int) {
  issueCodes(input: $input) { issued codes(first: $first) { edges { node { value } } } }
}`;
const LINK = `mutation($parent: String!, $children: [ChildCodeInput!]!, $parentLength: Float) {
  linkCodes(parentCode: $parent, children: $children, parentLength: $parentLength) { key }
}`;
const RELEASE = `mutation($batchId: ID!) { releaseBatch(batchId: $batchId) { status } }`;
const SHIP = `mutation($input: ShipmentInput!) { recordShipment(input: $input) { eventId } }`;
const CAPTURE = `mutation($document: JSONObject!) { captureEpcis(document: $document) { accepted duplicates } }`;

/** The model's log made replayable (see the file comment), before anything is sent. */
export function replayableLog(log: ChainLog): { log: ChainLog; adjustments: string[] } {
  const adjustments: string[] = [];
  const events: ChainEvent[] = [];
  for (const event of log.events) {
    if (event.kind === "NATIVE_SHIPMENT" && event.from === event.to) {
      adjustments.push(`left out ${event.id}: a native shipment from ${event.from} to itself (BAD_USER_INPUT)`);
      continue;
    }
    events.push(event);
  }
  // The batch of each native code: items from their issuance, containers from what they contain.
  const batchOfCode = new Map<ObjectKey, ObjectKey>();
  for (const event of events) {
    if (event.kind === "NATIVE_ISSUE" && event.batch)
      for (const code of event.codes) batchOfCode.set(code, event.batch);
  }
  const links = events.filter((e) => e.kind === "NATIVE_LINK");
  let changed = true;
  while (changed) {
    changed = false;
    for (const link of links) {
      if (batchOfCode.has(link.parent)) continue;
      const batch = link.children.map((c) => batchOfCode.get(c)).find((b) => b !== undefined);
      if (batch) {
        batchOfCode.set(link.parent, batch);
        changed = true;
      }
    }
  }
  const adjusted = events.map((event): ChainEvent => {
    if (event.kind !== "NATIVE_ISSUE" || event.batch !== null) return event;
    const batches = [...new Set(event.codes.map((c) => batchOfCode.get(c)))];
    const batch = batches[0];
    if (batches.length !== 1 || batch === undefined) {
      throw new Error(`replay: no single batch to issue ${event.codes.join(", ")} under (${event.id})`);
    }
    adjustments.push(`${event.id}: ${event.codes.join(", ")} issued under ${batch} (the service adds IN_LOT)`);
    return { ...event, batch };
  });
  return { log: { ...log, events: adjusted }, adjustments };
}

/** GS1 names of one run: a fresh company prefix and a run tag in every lot number and serial. */
class Gs1Names {
  private readonly cp = String(randomInt(1_000_000, 10_000_000));
  private readonly tag = randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase();
  private refs = 0;
  private serials = 0;
  private lots = 0;
  private ssccs = 0;
  private glns = 0;

  gtin(): { ir: string; gtin14: string } {
    const ref = String(this.refs++).padStart(5, "0");
    const body = `0${this.cp}${ref}`;
    return { ir: `0${ref}`, gtin14: body + mod10CheckDigit(body) };
  }

  lot(gtin: { ir: string; gtin14: string }): { urn: string; key: string; lotNumber: string } {
    const lotNumber = `${this.tag}L${this.lots++}`;
    return {
      urn: `urn:epc:class:lgtin:${this.cp}.${gtin.ir}.${lotNumber}`,
      key: `${CANONICAL}/01/${gtin.gtin14}/10/${lotNumber}`,
      lotNumber,
    };
  }

  item(gtin: { ir: string; gtin14: string }): { urn: string; key: string } {
    const serial = `${this.tag}S${this.serials++}`;
    return {
      urn: `urn:epc:id:sgtin:${this.cp}.${gtin.ir}.${serial}`,
      key: `${CANONICAL}/01/${gtin.gtin14}/21/${serial}`,
    };
  }

  sscc(): { urn: string; key: string } {
    const serialRef = `0${String(this.ssccs++).padStart(9, "0")}`;
    const body = `${serialRef[0]}${this.cp}${serialRef.slice(1)}`;
    return { urn: `urn:epc:id:sscc:${this.cp}.${serialRef}`, key: `${CANONICAL}/00/${body}${mod10CheckDigit(body)}` };
  }

  sgln(): { urn: string; key: string } {
    const locRef = String(this.glns++).padStart(5, "0");
    const gln = `${this.cp}${locRef}`;
    return { urn: `urn:epc:id:sgln:${this.cp}.${locRef}.0`, key: `${CANONICAL}/414/${gln}${mod10CheckDigit(gln)}` };
  }

  batchNo(n: number): string {
    return `${this.tag}B${n}`;
  }

  productId(n: number): string {
    return `vis-${this.tag.toLowerCase()}-${n}`;
  }
}

const iso = (time: number) => new Date(time).toISOString();
const chinaDate = (time: number) => new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);

/** Replays the chain; throws (with the event) when the service refuses something the replay expected to pass. */
export async function replayChain(original: ChainLog): Promise<ReplayedChain> {
  const { log, adjustments } = replayableLog(original);
  return new Replay(log, adjustments).run();
}

class Replay {
  private readonly gs1 = new Gs1Names();
  private readonly orgIds = new Map<OrgId, string>();
  private readonly roles = new Map<OrgId, Principal["role"]>();
  private readonly keys = new Map<ObjectKey, string>();
  /** What an EPCIS event sends for an object: a URN, and whether it is a class (quantity list). */
  private readonly epcs = new Map<ObjectKey, { urn: string; isClass: boolean; lotNumber?: string }>();
  private readonly locations = new Map<string, string>();
  private readonly eventIds = new Map<EventId, string>();
  private readonly transformationIds = new Map<string, string>();
  private readonly objects: Map<ObjectKey, ChainObjectInfo>;
  /** Native batches: model key -> batch id, its manufacturer, whether released. */
  private readonly batches = new Map<ObjectKey, { id: string; maker: OrgId; released: boolean; perBatch: boolean }>();
  private readonly products = new Map<string, string>();
  private readonly batchOfCode = new Map<ObjectKey, ObjectKey>();
  private readonly issuesLeft = new Map<ObjectKey, number>();
  private readonly replayOrder: EventId[] = [];
  private counter = 0;

  constructor(
    private readonly log: ChainLog,
    private readonly adjustments: string[],
  ) {
    this.objects = new Map((log.objects ?? []).map((o) => [o.key, o]));
    for (const event of log.events) {
      if (event.kind !== "NATIVE_ISSUE" || !event.batch) continue;
      for (const code of event.codes) this.batchOfCode.set(code, event.batch);
      this.issuesLeft.set(event.batch, (this.issuesLeft.get(event.batch) ?? 0) + 1);
    }
  }

  async run(): Promise<ReplayedChain> {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Math.min(...this.log.events.map((e) => e.time)) - 3_600_000);
      await this.register();
      this.nameGs1Objects();
      const pending: ChainEvent[] = [];
      for (const event of this.log.events) {
        pending.push(event);
        for (
          let next = pending.findIndex((e) => this.ready(e));
          next >= 0;
          next = pending.findIndex((e) => this.ready(e))
        ) {
          const [ready] = pending.splice(next, 1);
          if (ready) await this.replay(ready);
        }
      }
      if (pending.length) throw new Error(`replay: events never ready: ${pending.map((e) => e.id).join(", ")}`);
    } finally {
      vi.useRealTimers();
    }
    const names = new Map<string, string>();
    for (const [model, real] of [...this.keys, ...this.orgIds]) names.set(real, model);
    return {
      log: this.log,
      orgIds: this.orgIds,
      keys: this.keys,
      names,
      replayOrder: this.replayOrder,
      adjustments: this.adjustments,
      roles: this.roles,
      eventIds: this.eventIds,
    };
  }

  // --- setup ----------------------------------------------------------------------------------------------------

  private async register() {
    const nativeMakers = new Set(
      this.log.events.flatMap((e) => (e.kind === "NATIVE_BATCH" || e.kind === "NATIVE_ISSUE" ? [e.manufacturer] : [])),
    );
    for (const org of this.log.organizations) {
      const id = randomUscc("440305");
      this.orgIds.set(org.id, id);
      const roles = new Set<string>(org.roles);
      if (nativeMakers.has(org.id)) roles.add("MANUFACTURER");
      this.roles.set(
        org.id,
        roles.has("REGULATOR")
          ? "REGULATOR"
          : roles.has("MANUFACTURER") || roles.has("SUPPLIER")
            ? "MANUFACTURER"
            : "PARTNER",
      );
      await this.send(ADMIN, UPSERT_ORG, {
        input: { id, name: `vis ${org.id}`, roles: [...roles], regionCode: "440305", authorizedRegions: ["440000"] },
      });
    }
    const sites = new Map<string, LocationRef>();
    for (const event of this.log.events) {
      if (event.kind === "OBJECT" || event.kind === "AGGREGATION" || event.kind === "TRANSFORMATION") {
        for (const place of [event.bizLocation, event.readPoint]) if (place) sites.set(place.key, place);
      }
    }
    for (const site of sites.values()) {
      const sgln = this.gs1.sgln();
      this.locations.set(site.key, sgln.urn);
      await this.send(ADMIN, UPSERT_LOCATION, {
        input: {
          id: sgln.urn,
          name: `vis ${site.key}`,
          regionCode: "440305",
          ...(site.owner ? { organizationId: this.org(site.owner) } : {}),
        },
      });
    }
  }

  /** GS1 names for the non-native objects: lots (LGTIN), their items (SGTIN of the lot's GTIN), containers (SSCC). */
  private nameGs1Objects() {
    const lotOfItem = new Map<ObjectKey, ObjectKey>();
    for (const event of this.log.events) {
      if (event.kind !== "OBJECT" && event.kind !== "TRANSFORMATION") continue;
      const items = event.kind === "OBJECT" ? event.epcs : event.outputs;
      if (event.ilmdLot) for (const item of items) lotOfItem.set(item, event.ilmdLot);
    }
    const gtinOfLot = new Map<ObjectKey, { ir: string; gtin14: string }>();
    const lotGtin = (lot: ObjectKey) => {
      let gtin = gtinOfLot.get(lot);
      if (!gtin) {
        gtin = this.gs1.gtin();
        gtinOfLot.set(lot, gtin);
      }
      return gtin;
    };
    const looseGtin = this.gs1.gtin();
    for (const object of this.objects.values()) {
      if (object.native) continue;
      if (object.kind === "LOT") {
        const lot = this.gs1.lot(lotGtin(object.key));
        this.name(object.key, lot.key, { urn: lot.urn, isClass: true, lotNumber: lot.lotNumber });
      } else if (object.kind === "ITEM") {
        const lot = lotOfItem.get(object.key);
        const item = this.gs1.item(lot ? lotGtin(lot) : looseGtin);
        this.name(object.key, item.key, { urn: item.urn, isClass: false });
      } else if (object.kind === "CONTAINER") {
        const sscc = this.gs1.sscc();
        this.name(object.key, sscc.key, { urn: sscc.urn, isClass: false });
      } else {
        throw new Error(`replay: no GS1 naming for ${object.kind} ${object.key}`);
      }
    }
  }

  private name(model: ObjectKey, key: string, epc?: { urn: string; isClass: boolean; lotNumber?: string }) {
    this.keys.set(model, key);
    if (epc) this.epcs.set(model, epc);
  }

  // --- scheduling -----------------------------------------------------------------------------------------------

  private created(key: ObjectKey): boolean {
    return this.keys.has(key) && (this.objects.get(key)?.native !== true || this.nativeDone.has(key));
  }

  private readonly nativeDone = new Set<ObjectKey>();

  private ready(event: ChainEvent): boolean {
    switch (event.kind) {
      case "OBJECT":
      case "AGGREGATION":
      case "TRANSFORMATION":
        return true;
      case "NATIVE_BATCH":
        return event.components.every((c) => this.created(c));
      case "NATIVE_ISSUE":
        return event.batch !== null && this.created(event.batch);
      case "NATIVE_LINK":
        return [event.parent, ...event.children].every((c) => this.created(c));
      case "NATIVE_SHIPMENT":
        return event.objects.every((o) => this.created(o) && (this.issuesLeft.get(this.batchOf(o) ?? "") ?? 0) === 0);
    }
  }

  private batchOf(key: ObjectKey): ObjectKey | undefined {
    return this.batches.has(key) ? key : this.batchOfCode.get(key);
  }

  // --- writes ---------------------------------------------------------------------------------------------------

  private async replay(event: ChainEvent) {
    vi.setSystemTime(event.time);
    this.replayOrder.push(event.id);
    if (event.kind === "OBJECT" || event.kind === "AGGREGATION" || event.kind === "TRANSFORMATION") {
      await this.capture(event);
    } else {
      await this.native(event);
    }
  }

  private writer(org: OrgId | null): Principal {
    if (org === null) return ADMIN;
    const role = this.roles.get(org);
    if (role !== "MANUFACTURER" && role !== "PARTNER") throw new Error(`replay: ${org} writes nothing`);
    return principalOf(role, this.org(org));
  }

  private org(org: OrgId): string {
    const id = this.orgIds.get(org);
    if (!id) throw new Error(`replay: unknown organisation ${org}`);
    return id;
  }

  private real(key: ObjectKey): string {
    const real = this.keys.get(key);
    if (!real) throw new Error(`replay: ${key} has no real key yet`);
    return real;
  }

  private epc(key: ObjectKey) {
    const epc = this.epcs.get(key);
    if (!epc) throw new Error(`replay: ${key} is not a GS1 object`);
    return epc;
  }

  private async capture(event: EpcisEventRecord) {
    const eventID = `urn:uuid:${randomUUID()}`;
    this.eventIds.set(event.id, eventID);
    const doc: Record<string, unknown> = {
      type:
        event.kind === "OBJECT"
          ? "ObjectEvent"
          : event.kind === "AGGREGATION"
            ? "AggregationEvent"
            : "TransformationEvent",
      eventID,
      eventTime: iso(event.time),
      eventTimeZoneOffset: "+00:00",
      ...(event.bizStep ? { bizStep: event.bizStep } : {}),
      ...(event.readPoint ? { readPoint: { id: this.location(event.readPoint) } } : {}),
      ...(event.bizLocation ? { bizLocation: { id: this.location(event.bizLocation) } } : {}),
      ...(event.sources.length
        ? { sourceList: event.sources.map((s) => ({ type: s.type, source: this.org(s.party) })) }
        : {}),
      ...(event.destinations.length
        ? { destinationList: event.destinations.map((d) => ({ type: d.type, destination: this.org(d.party) })) }
        : {}),
    };
    const split = (keys: ObjectKey[]) => ({
      epcs: keys.filter((k) => !this.epc(k).isClass).map((k) => this.epc(k).urn),
      quantities: keys.filter((k) => this.epc(k).isClass).map((k) => ({ epcClass: this.epc(k).urn, quantity: 1 })),
    });
    const ilmd = (lot: ObjectKey | null) =>
      lot ? { ilmd: { "cbvmda:lotNumber": this.epc(lot).lotNumber ?? "" } } : {};
    if (event.kind === "OBJECT") {
      const what = split([...event.epcs, ...event.classes]);
      Object.assign(doc, {
        action: event.action,
        ...(what.epcs.length || !what.quantities.length ? { epcList: what.epcs } : {}),
        ...(what.quantities.length ? { quantityList: what.quantities } : {}),
        ...(event.action === "ADD" ? ilmd(event.ilmdLot) : {}),
      });
    } else if (event.kind === "AGGREGATION") {
      const what = split(event.children);
      Object.assign(doc, {
        action: event.action,
        parentID: this.epc(event.parent).urn,
        ...(what.epcs.length ? { childEPCs: what.epcs } : {}),
        ...(what.quantities.length ? { childQuantityList: what.quantities } : {}),
      });
    } else {
      const inputs = split(event.inputs);
      const outputs = split(event.outputs);
      let tid = event.transformationId;
      if (tid === null && (event.inputs.length === 0 || event.outputs.length === 0)) tid = `own:${event.id}`;
      Object.assign(doc, {
        ...(tid !== null ? { transformationID: this.transformationId(tid) } : {}),
        ...(inputs.epcs.length ? { inputEPCList: inputs.epcs } : {}),
        ...(inputs.quantities.length ? { inputQuantityList: inputs.quantities } : {}),
        ...(outputs.epcs.length ? { outputEPCList: outputs.epcs } : {}),
        ...(outputs.quantities.length ? { outputQuantityList: outputs.quantities } : {}),
        ...ilmd(event.ilmdLot),
      });
    }
    const document = {
      "@context": CONTEXT,
      type: "EPCISDocument",
      schemaVersion: "2.0",
      creationDate: iso(event.time),
      epcisBody: { eventList: [doc] },
    };
    const result = await this.send(this.writer(event.writer), CAPTURE, { document }, event);
    const outcome = result.captureEpcis as { accepted: number };
    if (outcome.accepted !== 1) throw new Error(`replay: ${event.id} not accepted: ${JSON.stringify(result)}`);
  }

  private transformationId(tid: string): string {
    let real = this.transformationIds.get(tid);
    if (!real) {
      real = `urn:uuid:${randomUUID()}`;
      this.transformationIds.set(tid, real);
    }
    return real;
  }

  private location(place: LocationRef): string {
    const urn = this.locations.get(place.key);
    if (!urn) throw new Error(`replay: location ${place.key} was not registered`);
    return urn;
  }

  private async native(event: NativeEventRecord) {
    switch (event.kind) {
      case "NATIVE_BATCH": {
        const perBatch = (this.issuesLeft.get(event.batch) ?? 0) === 0;
        const productId = await this.product(event.manufacturer, perBatch ? "PER_BATCH" : "COMBINED");
        const result = await this.send(
          this.writer(event.writer),
          CREATE_BATCH,
          {
            input: cableBatch(productId, this.gs1.batchNo(this.counter++), {
              productionDate: chinaDate(event.time),
              components: event.components.map((c) => this.real(c)),
            }),
          },
          event,
        );
        const batch = result.createBatch as { id: string; key: string };
        this.batches.set(event.batch, { id: batch.id, maker: event.manufacturer, released: false, perBatch });
        this.name(event.batch, batch.key);
        this.nativeDone.add(event.batch);
        return;
      }
      case "NATIVE_ISSUE": {
        const batch = this.batches.get(event.batch ?? "");
        if (!batch) throw new Error(`replay: ${event.id} issues under an unknown batch`);
        const container = event.codes.some((c) => this.objects.get(c)?.kind === "CONTAINER");
        const codeType = container ? this.containerType(event.codes) : "ITEM";
        const result = await this.send(
          this.writer(event.writer),
          ISSUE_CODES,
          { input: { batchId: batch.id, count: event.codes.length, codeType }, first: event.codes.length },
          event,
        );
        const issued = (result.issueCodes as { codes: { edges: { node: { value: string } }[] } }).codes.edges;
        if (issued.length !== event.codes.length) throw new Error(`replay: ${event.id} issued ${issued.length}`);
        event.codes.forEach((code, i) => {
          this.name(code, issued[i]?.node.value ?? "");
          this.nativeDone.add(code);
        });
        this.issuesLeft.set(event.batch ?? "", (this.issuesLeft.get(event.batch ?? "") ?? 1) - 1);
        return;
      }
      case "NATIVE_LINK": {
        const mother = this.containerType([event.parent]) === "MOTHER";
        const children = event.children.map((child, i) => ({
          code: this.real(child),
          ...(mother ? { segmentStart: i * 10, segmentEnd: i * 10 + 10, unit: "m" } : {}),
        }));
        // A reel's own length (§5: the mothers of a batch never add up to more than the batch): its segments' span.
        const parentLength = mother ? children.length * 10 : null;
        await this.send(
          this.writer(event.writer),
          LINK,
          { parent: this.real(event.parent), children, parentLength },
          event,
        );
        return;
      }
      case "NATIVE_SHIPMENT": {
        for (const object of event.objects) await this.release(this.batchOf(object));
        const shipped = await this.send(
          this.writer(event.writer),
          SHIP,
          {
            input: {
              codes: event.objects.map((o) => this.real(o)),
              fromOrganizationId: this.org(event.from),
              toOrganizationId: this.org(event.to),
              shippedAt: iso(event.time),
              shipmentId: randomUUID(),
            },
          },
          event,
        );
        this.eventIds.set(event.id, (shipped.recordShipment as { eventId: string }).eventId);
        return;
      }
    }
  }

  /** A mother code (子母码) holds items, a bundle code (组合码) holds other codes. */
  private containerType(codes: ObjectKey[]): "MOTHER" | "BUNDLE" {
    const link = this.log.events.find((e) => e.kind === "NATIVE_LINK" && codes.includes(e.parent));
    const children = link?.kind === "NATIVE_LINK" ? link.children : [];
    return children.every((c) => this.objects.get(c)?.kind === "ITEM") ? "MOTHER" : "BUNDLE";
  }

  /** 出厂 before the first shipment: a 一批一码 batch gets its own code first. Written as its maker. */
  private async release(batchKey: ObjectKey | undefined) {
    const batch = batchKey ? this.batches.get(batchKey) : undefined;
    if (!batch || batch.released) return;
    const maker = this.writer(batch.maker);
    if (batch.perBatch) await this.send(maker, ISSUE_CODES, { input: { batchId: batch.id } });
    await this.send(maker, RELEASE, { batchId: batch.id });
    batch.released = true;
  }

  private async product(maker: OrgId, mode: "COMBINED" | "PER_BATCH"): Promise<string> {
    const known = this.products.get(`${maker}|${mode}`);
    if (known) return known;
    const id = this.gs1.productId(this.counter++);
    await this.send(this.writer(maker), REGISTER_PRODUCT, { input: cableProduct(this.org(maker), mode, { id }) });
    this.products.set(`${maker}|${mode}`, id);
    return id;
  }

  private async send(
    as: Principal,
    query: string,
    variables: Record<string, unknown>,
    event?: ChainEvent,
  ): Promise<Record<string, unknown>> {
    const result = await gql<Record<string, unknown>>(query, variables, { as });
    if (result.errors?.length || !result.data) {
      const what = event ? `event ${event.id} (${event.kind})` : query.split("(")[0];
      throw new Error(`replay: ${what} as ${as.role} ${as.organizationId}: ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  }
}
