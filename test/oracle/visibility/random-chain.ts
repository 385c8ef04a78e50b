import { Random } from "../../support/seeded-random.js";
import {
  aggregate,
  commission,
  nativeBatch,
  nativeIssue,
  nativeLink,
  nativeShip,
  observe,
  shipAggregation,
  shipEpcis,
  siteOf,
  transform,
  type ChainEvent,
  type ChainLog,
  type ChainObjectInfo,
  type ChainOrganization,
  type EventId,
  type LocationRef,
  type ObjectKey,
  type ObjectKind,
  type OrgId,
  type OrgRole,
} from "./chain-model.js";

/**
 * A SEEDED generator of random supply chains for the visibility model: suppliers make component lots (EPCIS
 * commissioning or native batches) and ship them to makers; makers transform them into product lots (EPCIS, some
 * split over two events sharing a transformationID, or native batches with components), commission or issue items,
 * pack cases and pallets (aggregation or native links), take a few items out again, and ship to distributors;
 * distributors transfer, unpack, build MIXED cases of two makers' items and ship on to retailers; retailers scan and
 * sell to a customer that transforms what it buys. Sprinkled in: shipments a party writes to itself, shipments by
 * parties that never held the goods, shipments the platform operator keys in, and events that arrive out of order.
 *
 * EPCIS events only name GS1-style objects and native events only native ones (a native batch may consume a GS1
 * lot, as BatchInput.components takes "codes or keys"), so an integration test can send each through its own door.
 * The generator keeps a rough book of who has what, only to choose plausible actions; what each party may see is
 * the model's business, not the generator's.
 */

export interface RandomChainOptions {
  seed: number;
  /** Epoch ms of the first event; by default a day of 2032 derived from the seed. */
  start?: number;
}

export interface RandomChain {
  seed: number;
  log: ChainLog;
  /** One site per organisation (bizLocation of the events it writes). */
  locations: LocationRef[];
  /** Shipments whose writer is their destination. */
  selfShipments: EventId[];
  /** Shipments written by a party that never held what they ship. */
  nonHolderShipments: EventId[];
  /** Native shipments the platform operator keyed in (writer null). */
  operatorShipments: EventId[];
  /** Mixed cases a distributor built, each holding items of two makers. */
  mixedCases: ObjectKey[];
  features: {
    suppliers: number;
    makers: number;
    distributors: number;
    retailers: number;
    events: number;
    mixedCases: number;
    selfShipments: number;
    nonHolderShipments: number;
    /** Events that arrive after an event that happened later. */
    outOfOrder: number;
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function generateRandomChain(options: RandomChainOptions): RandomChain {
  return new RandomChainBuilder(options).build();
}

interface Goods {
  key: ObjectKey;
  native: boolean;
  maker: OrgId;
  /** Items inside (for cases and pallets: every item, however deep). */
  items: ObjectKey[];
  /** Direct children (cases of a pallet, items of a case). */
  children: ObjectKey[];
}

class RandomChainBuilder {
  private readonly rng: Random;
  private readonly seed: number;
  private clock: number;
  private counter = 0;
  private eventCounter = 0;
  private readonly events: ChainEvent[] = [];
  private readonly objects = new Map<ObjectKey, ChainObjectInfo>();
  private readonly organizations: ChainOrganization[] = [];
  private readonly selfShipments: EventId[] = [];
  private readonly nonHolderShipments: EventId[] = [];
  private readonly operatorShipments: EventId[] = [];
  private readonly mixedCases: ObjectKey[] = [];

  constructor(options: RandomChainOptions) {
    this.seed = options.seed;
    this.rng = new Random(options.seed);
    this.clock = options.start ?? Date.UTC(2032, 0, 1) + (options.seed % 300) * DAY;
  }

  build(): RandomChain {
    const rng = this.rng;
    const suppliers = this.orgs("supplier", ["SUPPLIER"], rng.int(2, 3));
    const makers = this.orgs("maker", ["MANUFACTURER"], rng.int(2, 3));
    const distributors = this.orgs("distributor", ["DISTRIBUTOR"], rng.int(2, 3));
    const retailers = this.orgs("retailer", ["RETAILER"], rng.int(2, 4));
    const [customer] = this.orgs("customer", ["MANUFACTURER"], 1) as [OrgId];
    this.orgs("regulator", ["REGULATOR"], 1);

    // --- suppliers: component lots, each shipped to a maker (round robin, sometimes a second one) -------------
    const received = new Map<OrgId, { lot: ObjectKey; native: boolean }[]>(makers.map((m) => [m, []]));
    let nextMaker = 0;
    for (const supplier of suppliers) {
      for (let k = 0, n = rng.int(1, 3); k < n; k++) {
        // The first lot of each supplier is EPCIS, so the EPCIS makers have inputs.
        const native = k > 0 && rng.chance(0.5);
        const lot = this.object(`lot:${supplier}:${k}`, "LOT", native);
        if (native) {
          this.push(nativeBatch({ ...this.at(), by: this.writer(supplier), manufacturer: supplier, batch: lot }));
        } else {
          this.push(commission({ ...this.at(), by: supplier, classes: [lot] }));
        }
        const buyers = [makers[nextMaker++ % makers.length] as OrgId];
        if (rng.chance(0.25)) buyers.push(rng.pick(makers.filter((m) => m !== buyers[0])));
        for (const maker of buyers) {
          if (native) this.nativeShipment(supplier, maker, [lot]);
          else this.push(shipEpcis({ ...this.at(), by: supplier, to: maker, classes: [lot] }));
          received.get(maker)?.push({ lot, native });
        }
      }
    }

    // --- makers: product lots, items, cases, pallets ------------------------------------------------------------
    const shipped = new Map<OrgId, Goods[]>(distributors.map((d) => [d, []]));
    const allGoods: Goods[] = [];
    const looseItems: Goods[] = [];
    makers.forEach((maker, mi) => {
      const stock = received.get(maker) ?? [];
      const lots = rng.int(1, 2);
      for (let k = 0; k < lots; k++) {
        // Every maker's first lot is EPCIS (so two makers' GS1 items can meet in a mixed case); the second maker's
        // second lot, or any later one by chance, is native.
        const native = k > 0 && (mi === 1 || rng.chance(0.5));
        const product = native ? this.nativeProduct(maker, k, stock) : this.epcisProduct(maker, k, stock);
        const packed = this.pack(maker, product.items, native);
        allGoods.push(...packed.units);
        looseItems.push(...packed.loose);
        // Ship every pallet and loose case to a distributor; the first EPCIS unit of the first two makers goes to
        // the first distributor, which builds the mixed case from them.
        packed.units.forEach((unit, ui) => {
          const to = !native && k === 0 && ui === 0 && mi < 2 ? (distributors[0] as OrgId) : rng.pick(distributors);
          this.shipGoods(maker, to, unit);
          shipped.get(to)?.push(unit);
        });
      }
    });
    for (const item of looseItems) {
      if (rng.chance(0.3)) continue; // never shipped
      const to = rng.chance(0.5) ? rng.pick(retailers) : rng.pick(distributors);
      this.shipGoods(item.maker, to, item);
      if (distributors.includes(to)) shipped.get(to)?.push(item);
    }

    // --- distributors: mixed cases, transfers, unpacking, onward shipments ------------------------------------
    const retailerStock = new Map<OrgId, Goods[]>(retailers.map((r) => [r, []]));
    distributors.forEach((distributor, di) => {
      const stock = [...(shipped.get(distributor) ?? [])];
      const containers = stock.filter((g) => g.children.length > 0 && !g.native);
      const makersHere = [...new Set(containers.map((g) => g.maker))];
      if (makersHere.length >= 2 && (di === 0 || rng.chance(0.5))) {
        this.buildMixedCase(distributor, containers, makersHere, retailers, retailerStock);
      }
      for (const goods of stock) {
        const choice = rng.float();
        if (choice < 0.15 && distributors.length > 1) {
          const other = rng.pick(distributors.filter((d) => d !== distributor));
          this.shipGoods(distributor, other, goods);
          const to = rng.pick(retailers);
          this.shipGoods(other, to, goods);
          retailerStock.get(to)?.push(goods);
        } else if (choice < 0.45 && goods.children.length > 0 && !goods.native) {
          // Unpack (a DELETE naming no children) and ship the parts on.
          this.push(aggregate({ ...this.at(), by: distributor, parent: goods.key, children: [], action: "DELETE" }));
          for (const child of goods.children) {
            const part = this.goods(child);
            if (!part || rng.chance(0.2)) continue;
            const to = rng.pick(retailers);
            this.shipGoods(distributor, to, part);
            retailerStock.get(to)?.push(part);
          }
        } else if (choice < 0.85) {
          const to = rng.pick(retailers);
          this.shipGoods(distributor, to, goods);
          retailerStock.get(to)?.push(goods);
        }
      }
    });

    // --- retailers: scans, a sale to the customer, who transforms it -------------------------------------------
    const gs1Items: ObjectKey[] = [];
    for (const [retailer, stock] of retailerStock) {
      for (const goods of stock) {
        if (goods.native) continue;
        const items = goods.items.length ? goods.items : [goods.key];
        if (rng.chance(0.5)) this.push(observe({ ...this.at(), by: retailer, epcs: [rng.pick(items)] }));
        gs1Items.push(...items.map((item) => `${retailer}\u0000${item}`));
      }
    }
    for (let k = 0, n = Math.min(2, gs1Items.length); k < n; k++) {
      const [retailer, item] = rng.pick(gs1Items).split("\u0000") as [OrgId, ObjectKey];
      this.push(shipEpcis({ ...this.at(), by: retailer, to: customer, epcs: [item] }));
      const gadget = this.object(`gadget:${customer}:${k}`, "ITEM", false);
      this.push(transform({ ...this.at(), by: customer, inputs: [item], outputs: [gadget] }));
      this.push(shipEpcis({ ...this.at(), by: customer, to: rng.pick(retailers), epcs: [gadget] }));
    }

    // --- shipments that grant nothing, and late shipments of what the distributors already got -----------------
    const gs1Goods = allGoods.filter((g) => !g.native);
    const nativeGoods = allGoods.filter((g) => g.native);
    for (let k = 0, n = rng.int(1, 3); k < n; k++) {
      // A retailer writes, at its own site, a shipment to itself naming a distributor as the sender.
      const retailer = rng.pick(retailers);
      const goods = rng.pick(gs1Goods);
      const event = shipEpcis({
        ...this.at(),
        by: retailer,
        from: rng.pick(distributors),
        to: retailer,
        epcs: [goods.key],
      });
      this.push(event);
      this.selfShipments.push(event.id);
    }
    if (nativeGoods.length) {
      const party = rng.pick([...retailers, ...distributors]);
      const event = nativeShip({ ...this.at(), from: party, to: party, objects: [rng.pick(nativeGoods).key] });
      this.push(event);
      this.selfShipments.push(event.id);
    }
    for (let k = 0, n = rng.int(1, 3); k < n; k++) {
      // A supplier never holds items or containers: its shipment of one grants nothing.
      const supplier = rng.pick(suppliers);
      const goods = rng.pick(gs1Goods);
      const item = goods.items.length ? rng.pick(goods.items) : goods.key;
      const event = shipEpcis({ ...this.at(), by: supplier, to: rng.pick(retailers), epcs: [item] });
      this.push(event);
      this.nonHolderShipments.push(event.id);
    }
    if (nativeGoods.length) {
      // The customer only ever gets GS1 items: a native code is nothing it held.
      const event = nativeShip({
        ...this.at(),
        from: customer,
        to: rng.pick(retailers),
        objects: [rng.pick(nativeGoods).key],
      });
      this.push(event);
      this.nonHolderShipments.push(event.id);
    }
    for (const item of rng.sample(
      looseItems.filter((g) => !g.native),
      2,
    )) {
      // The maker ships a loose sibling late: after the distributors got their goods.
      this.push(shipEpcis({ ...this.at(), by: item.maker, to: rng.pick(retailers), epcs: [item.key] }));
    }

    const arrival = this.arrivalOrder();
    const outOfOrder = arrival.filter((event, i) => arrival.slice(0, i).some((earlier) => earlier.time > event.time));
    return {
      seed: this.seed,
      log: { organizations: this.organizations, objects: [...this.objects.values()], events: arrival },
      locations: this.organizations.map((o) => siteOf(o.id)),
      selfShipments: this.selfShipments,
      nonHolderShipments: this.nonHolderShipments,
      operatorShipments: this.operatorShipments,
      mixedCases: this.mixedCases,
      features: {
        suppliers: suppliers.length,
        makers: makers.length,
        distributors: distributors.length,
        retailers: retailers.length,
        events: arrival.length,
        mixedCases: this.mixedCases.length,
        selfShipments: this.selfShipments.length,
        nonHolderShipments: this.nonHolderShipments.length,
        outOfOrder: outOfOrder.length,
      },
    };
  }

  // --- makers ---------------------------------------------------------------------------------------------------

  /** An EPCIS product lot from the maker's EPCIS component lots, and its items (commissioned with the lot in ILMD). */
  private epcisProduct(maker: OrgId, k: number, stock: { lot: ObjectKey; native: boolean }[]) {
    const rng = this.rng;
    const lot = this.object(`plot:${maker}:${k}`, "LOT", false);
    const inputs = rng.sample(
      stock.filter((s) => !s.native).map((s) => s.lot),
      rng.int(1, 2),
    );
    if (inputs.length && rng.chance(0.3)) {
      // One transformation in two events: the inputs consumed now, the output declared later.
      const transformationId = `urn:uuid:tid-${this.seed}-${maker}-${k}`;
      this.push(transform({ ...this.at(), by: maker, inputs, outputs: [], transformationId }));
      this.push(transform({ ...this.at(), by: maker, inputs: [], outputs: [lot], transformationId }));
    } else {
      this.push(transform({ ...this.at(), by: maker, inputs, outputs: [lot] }));
    }
    const items = Array.from({ length: rng.int(4, 9) }, (_, i) =>
      this.object(`item:${maker}:${k}:${i}`, "ITEM", false),
    );
    this.push(commission({ ...this.at(), by: maker, epcs: items, lot }));
    return { lot, items };
  }

  /** A native batch consuming component lots (GS1 or native), and item codes issued under it. */
  private nativeProduct(maker: OrgId, k: number, stock: { lot: ObjectKey; native: boolean }[]) {
    const rng = this.rng;
    const lot = this.object(`batch:${maker}:${k}`, "LOT", true);
    const components = rng.sample(
      stock.map((s) => s.lot),
      rng.int(0, 2),
    );
    this.push(nativeBatch({ ...this.at(), by: this.writer(maker), manufacturer: maker, batch: lot, components }));
    const items = Array.from({ length: rng.int(4, 9) }, (_, i) => this.object(`code:${maker}:${k}:${i}`, "ITEM", true));
    this.push(nativeIssue({ ...this.at(), by: this.writer(maker), manufacturer: maker, batch: lot, codes: items }));
    return { lot, items };
  }

  /**
   * Items into cases (2-4 each, a few left loose), cases onto pallets (2-3 each, some left loose); for EPCIS, one
   * item sometimes taken out of its case again before shipping. Returns the pallets and loose cases, and loose items.
   */
  private pack(maker: OrgId, items: ObjectKey[], native: boolean): { units: Goods[]; loose: Goods[] } {
    const rng = this.rng;
    const loose: Goods[] = [];
    const cases: Goods[] = [];
    let i = 0;
    while (i < items.length) {
      if (rng.chance(0.12)) {
        loose.push(this.remember({ key: items[i] as ObjectKey, native, maker, items: [], children: [] }));
        i += 1;
        continue;
      }
      const children = items.slice(i, i + rng.int(2, 4));
      i += children.length;
      const key = this.object(`${native ? "mother" : "case"}:${maker}:${this.counter}`, "CONTAINER", native);
      this.link(maker, key, children, native);
      cases.push(this.remember({ key, native, maker, items: children, children }));
    }
    if (!native) {
      for (const box of cases) {
        if (box.children.length < 2 || !rng.chance(0.3)) continue;
        const out = box.children.pop() as ObjectKey;
        box.items = [...box.children];
        this.push(aggregate({ ...this.at(), by: maker, parent: box.key, children: [out], action: "DELETE" }));
        loose.push(this.remember({ key: out, native, maker, items: [], children: [] }));
      }
    }
    const units: Goods[] = [];
    let c = 0;
    while (c < cases.length) {
      if (rng.chance(0.3)) {
        units.push(cases[c] as Goods);
        c += 1;
        continue;
      }
      const group = cases.slice(c, c + rng.int(2, 3));
      c += group.length;
      const key = this.object(`${native ? "bundle" : "pallet"}:${maker}:${this.counter}`, "CONTAINER", native);
      this.link(
        maker,
        key,
        group.map((g) => g.key),
        native,
      );
      units.push(
        this.remember({
          key,
          native,
          maker,
          items: group.flatMap((g) => g.items),
          children: group.map((g) => g.key),
        }),
      );
    }
    return { units, loose };
  }

  /**
   * A container: an aggregation ADD, or natively a mother / bundle code issued (§5 issues them like any code) and
   * then linked. Interpretation: lot membership (§2 item 2) is for ITEMS issued under a batch; a mother or bundle code
   * is a CONTAINER, so its issuance names no batch and adds no IN_LOT edge.
   */
  private link(maker: OrgId, parent: ObjectKey, children: ObjectKey[], native: boolean) {
    if (native) {
      this.push(
        nativeIssue({ ...this.at(), by: this.writer(maker), manufacturer: maker, batch: null, codes: [parent] }),
      );
      this.push(nativeLink({ ...this.at(), by: this.writer(maker), manufacturer: maker, parent, children }));
    } else {
      this.push(aggregate({ ...this.at(), by: maker, parent, children }));
    }
  }

  // --- distributors ---------------------------------------------------------------------------------------------

  /** One or two items of two makers taken out of their cases into a new case, shipped to a retailer. */
  private buildMixedCase(
    distributor: OrgId,
    containers: Goods[],
    makers: OrgId[],
    retailers: OrgId[],
    retailerStock: Map<OrgId, Goods[]>,
  ) {
    const rng = this.rng;
    const picked: ObjectKey[] = [];
    for (const maker of makers.slice(0, 2)) {
      const units = containers.filter((g) => g.maker === maker && g.items.length > 0);
      if (!units.length) continue;
      const unit = rng.pick(units);
      for (const item of rng.sample(unit.items, rng.int(1, 2))) {
        const box = this.caseOf(item);
        if (box) {
          this.push(aggregate({ ...this.at(), by: distributor, parent: box.key, children: [item], action: "DELETE" }));
          box.children = box.children.filter((c) => c !== item);
          box.items = box.items.filter((c) => c !== item);
          for (const goods of this.goodsByKey.values()) goods.items = goods.items.filter((c) => c !== item);
        }
        picked.push(item);
      }
    }
    const key = this.object(`mixed:${distributor}:${this.mixedCases.length}`, "CONTAINER", false);
    this.mixedCases.push(key);
    this.push(aggregate({ ...this.at(), by: distributor, parent: key, children: picked }));
    const mixed = this.remember({ key, native: false, maker: distributor, items: picked, children: picked });
    const to = rng.pick(retailers);
    this.shipGoods(distributor, to, mixed);
    retailerStock.get(to)?.push(mixed);
  }

  // --- shipments ------------------------------------------------------------------------------------------------

  /** A shipment of goods: native through recordShipment, GS1 as an EPCIS ObjectEvent or AggregationEvent. */
  private shipGoods(from: OrgId, to: OrgId, goods: Goods) {
    if (goods.native) {
      this.nativeShipment(from, to, [goods.key]);
    } else if (goods.children.length && this.rng.chance(0.4)) {
      this.push(shipAggregation({ ...this.at(), by: from, to, parent: goods.key, children: goods.children }));
    } else {
      this.push(shipEpcis({ ...this.at(), by: from, to, epcs: [goods.key] }));
    }
  }

  /** recordShipment by the sender, or now and then keyed in by the platform operator. */
  private nativeShipment(from: OrgId, to: OrgId, objects: ObjectKey[]) {
    const byOperator = this.rng.chance(0.15);
    const event = nativeShip({ ...this.at(), by: byOperator ? null : from, from, to, objects });
    this.push(event);
    if (byOperator) this.operatorShipments.push(event.id);
  }

  // --- bookkeeping ----------------------------------------------------------------------------------------------

  private readonly goodsByKey = new Map<ObjectKey, Goods>();

  private remember(goods: Goods): Goods {
    this.goodsByKey.set(goods.key, goods);
    return goods;
  }

  private goods(key: ObjectKey): Goods | undefined {
    return this.goodsByKey.get(key);
  }

  private caseOf(item: ObjectKey): Goods | undefined {
    return [...this.goodsByKey.values()].find((g) => g.children.includes(item));
  }

  private orgs(name: string, roles: OrgRole[], count: number): OrgId[] {
    return Array.from({ length: count }, (_, i) => {
      const id = `${name}-${i}`;
      this.organizations.push({ id, roles });
      return id;
    });
  }

  private object(key: ObjectKey, kind: ObjectKind, native: boolean): ObjectKey {
    this.objects.set(key, { key, kind, native });
    this.counter += 1;
    return key;
  }

  /** The writer of a native production event: its manufacturer, or now and then the platform operator. */
  private writer(org: OrgId): OrgId | null {
    return this.rng.chance(0.1) ? null : org;
  }

  /** A fresh event id and the next instant (1 to 45 minutes later). */
  private at(): { id: EventId; time: number } {
    this.clock += this.rng.int(1, 45) * MINUTE + this.rng.int(0, 59) * 1000;
    return { id: `urn:uuid:vis-${this.seed}-${this.eventCounter++}`, time: this.clock };
  }

  private push(event: ChainEvent) {
    this.events.push(event);
  }

  /**
   * The order of arrival: the time order with about one event in eight delayed by 1 to 8 places (a partner that
   * uploads late), and always at least one.
   */
  private arrivalOrder(): ChainEvent[] {
    const order = [...this.events];
    let moved = 0;
    for (let i = order.length - 2; i >= 0; i--) {
      if (!(this.rng.chance(0.12) || (moved === 0 && i === 0))) continue;
      const [event] = order.splice(i, 1);
      if (!event) continue;
      order.splice(Math.min(order.length, i + this.rng.int(1, 8)), 0, event);
      moved += 1;
    }
    return order;
  }
}
