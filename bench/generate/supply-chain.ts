import { eventUuid, gtin14, itemKey, lotKey, ssccKey } from "./gs1-keys.js";
import { organizations, PROVINCES, RETAILERS_PER_CITY_DISTRIBUTOR, type Organizations } from "./organizations.js";
import { Random, hashSeed } from "../../test/support/seeded-random.js";

/**
 * A seeded model of a serialised (一物一码) supply chain, produced lot by lot:
 *
 *   raw material lots (R) -> component lots (C) -> subassembly lots (S) -> product lots (P)   TRANSFORMED_INTO, by class
 *   product lot -> items                                                                       IN_LOT (commissioning)
 *   item -> case -> pallet                                                                     CONTAINED_IN (packing)
 *   manufacturer -> provincial distributor -> city distributor -> retailer                     SHIPPED_TO, item level
 *   consumer scans at retail, a few outside the retailer's authorised region                   Scan (防窜)
 *
 * Every hop is scanned item by item (出入库扫码), so each item carries three shipments. In the `tree` variant every
 * upstream lot feeds exactly one consumer lot; in the `dag` variant lots are drawn from shared pools, so a raw
 * material lot reaches many products along many paths. Structure depends only on the seed; keys also carry the
 * dataset's namespace, so datasets (and the fresh data of ingest measures) never collide.
 */
export type Variant = "tree" | "dag";

export interface ChainConfig {
  seed: number;
  variant: Variant;
  /** Product lots in the dataset. */
  lots: number;
  itemsPerLot: number;
  caseSize: number;
  casesPerPallet: number;
  /** Inputs per lot: product lot <- subassemblies, subassembly <- components, component <- raw materials. */
  bom: readonly [number, number, number];
  /** dag only: average consumers of one subassembly, component and raw material lot. */
  sharing: readonly [number, number, number];
  /** Share of items scanned by consumers, and share of those scans outside the authorised region. */
  scanShare: number;
  mismatchShare: number;
  /** Letters and digits that prefix serials, lot numbers and event ids of this dataset. */
  namespace: string;
  /** First SSCC serial reference (9 digits) of this dataset. */
  ssccBase: number;
  /** ISO instant at which product lot 0 is made; one lot per hour after it. */
  start: string;
}

export type ChainEvent =
  | { type: "commissionLot"; eventId: string; at: string; lot: string; org: string }
  | { type: "transform"; eventId: string; at: string; inputs: string[]; output: string; org: string }
  | {
      type: "commissionItems";
      eventId: string;
      at: string;
      lot: string;
      lotNumber: string;
      items: string[];
      org: string;
    }
  | { type: "pack"; eventId: string; at: string; parent: string; children: string[]; org: string }
  | { type: "ship"; eventId: string; at: string; objects: string[]; classes: string[]; from: string; to: string }
  | { type: "scan"; eventId: string; at: string; object: string; regionCode: string; org: string };

export interface ChainBatch {
  events: ChainEvent[];
  productLots: number;
  items: number;
}

/** Keys of objects at known places in the structure, to trace from (sizes grow from item to raw material lot). */
export interface ChainRoots {
  item: string;
  case: string;
  pallet: string;
  productLot: string;
  /** The organisation that made productLot (its maker's scoped reads are measured against the operator's). */
  productLotMaker: string;
  subassemblyLot: string;
  componentLot: string;
  rawLot: string;
}

const LEVEL_LETTERS = ["P", "S", "C", "R"] as const;
const GTIN_BASES = [100, 2000, 3000, 4000] as const;
const GTIN_LINES = [20, 50, 50, 50] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_CHAIN: Omit<ChainConfig, "seed" | "variant" | "lots" | "namespace" | "ssccBase"> = {
  itemsPerLot: 500,
  caseSize: 20,
  casesPerPallet: 5,
  bom: [3, 3, 2],
  sharing: [2, 3, 4],
  scanShare: 0.1,
  mismatchShare: 0.05,
  start: "2024-03-01T00:00:00.000Z",
};

export class SupplyChain {
  readonly orgs: Organizations = organizations();
  /** Lots per BOM level (0 = product lots). */
  private readonly poolSizes: number[];
  private readonly materialised: Set<number>[] = [new Set(), new Set(), new Set(), new Set()];
  private readonly namespaceHash: number;
  private eventCounter = 0;

  constructor(readonly config: ChainConfig) {
    if (!/^[A-Z0-9]{1,12}$/.test(config.namespace)) throw new Error(`bad namespace ${config.namespace}`);
    this.namespaceHash = hashSeed("bench", config.namespace, config.seed);
    const sizes = [config.lots];
    for (let level = 0; level < 3; level++) {
      const consumers = sizes[level] ?? 0;
      const inputs = consumers * (config.bom[level] ?? 1);
      sizes.push(config.variant === "tree" ? inputs : Math.max(1, Math.ceil(inputs / (config.sharing[level] ?? 1))));
    }
    this.poolSizes = sizes;
  }

  get casesPerLot(): number {
    return Math.ceil(this.config.itemsPerLot / this.config.caseSize);
  }

  get palletsPerLot(): number {
    return Math.ceil(this.casesPerLot / this.config.casesPerPallet);
  }

  /** Batches of `lotsPerBatch` product lots, each with every upstream lot it is the first to use. */
  *batches(lotsPerBatch: number): Generator<ChainBatch> {
    for (let first = 0; first < this.config.lots; first += lotsPerBatch) {
      const events: ChainEvent[] = [];
      const last = Math.min(this.config.lots, first + lotsPerBatch);
      for (let p = first; p < last; p++) this.productLot(p, events);
      yield { events, productLots: last - first, items: (last - first) * this.config.itemsPerLot };
    }
  }

  roots(): ChainRoots {
    const p = Math.floor(this.config.lots / 2);
    const s = this.inputsOf(0, p)[0] ?? 0;
    const c = this.inputsOf(1, s)[0] ?? 0;
    const r = this.inputsOf(2, c)[0] ?? 0;
    return {
      item: this.itemKeys(p)[0] ?? "",
      case: this.caseKey(p, 0),
      pallet: this.palletKey(p, 0),
      productLot: this.lot(0, p).key,
      productLotMaker: this.makerOf(0, p),
      subassemblyLot: this.lot(1, s).key,
      componentLot: this.lot(2, c).key,
      rawLot: this.lot(3, r).key,
    };
  }

  /** Indices of the lots (one level up) that lot `index` of `level` is made from. */
  inputsOf(level: number, index: number): number[] {
    const count = this.config.bom[level] ?? 0;
    if (this.config.variant === "tree") return Array.from({ length: count }, (_, j) => index * count + j);
    // dag: draw from a window of the next pool around the lot's own position, as a plant draws from recent stock.
    const pool = this.poolSizes[level + 1] ?? 1;
    const centre = Math.floor(((index + 0.5) * pool) / (this.poolSizes[level] ?? 1));
    const half = Math.max(count, 4);
    const random = new Random(hashSeed(this.config.seed, this.config.variant, "bom", level, index));
    return random.distinctInts(count, Math.max(0, centre - half), Math.min(pool - 1, centre + half));
  }

  lot(level: number, index: number): { key: string; lotNumber: string; gtin: string } {
    const gtin = gtin14((GTIN_BASES[level] ?? 0) + (index % (GTIN_LINES[level] ?? 1)));
    const lotNumber = `${this.config.namespace}${LEVEL_LETTERS[level] ?? "X"}${index}`;
    return { key: lotKey(gtin, lotNumber), lotNumber, gtin };
  }

  itemKeys(p: number): string[] {
    const { gtin } = this.lot(0, p);
    return Array.from({ length: this.config.itemsPerLot }, (_, i) =>
      itemKey(gtin, `${this.config.namespace}${p}-${i}`),
    );
  }

  caseKey(p: number, c: number): string {
    return ssccKey(0, this.config.ssccBase + p * (this.casesPerLot + this.palletsPerLot) + c);
  }

  palletKey(p: number, k: number): string {
    return ssccKey(1, this.config.ssccBase + p * (this.casesPerLot + this.palletsPerLot) + this.casesPerLot + k);
  }

  private nextEventId(): string {
    return eventUuid(this.namespaceHash, this.eventCounter++);
  }

  private makerOf(level: number, index: number): string {
    const groups = [
      this.orgs.manufacturers,
      this.orgs.subassemblyMakers,
      this.orgs.componentMakers,
      this.orgs.suppliers,
    ];
    const group = groups[level] ?? this.orgs.suppliers;
    return group[index % group.length]?.id ?? "";
  }

  /** Writes the events of an upstream lot the first time a consumer needs it: its making, then its delivery. */
  private materialise(
    level: number,
    index: number,
    consumer: { level: number; index: number; at: number },
    events: ChainEvent[],
  ) {
    const seen = this.materialised[level];
    if (!seen || seen.has(index)) return;
    seen.add(index);
    const made = consumer.at - 2 * DAY;
    const lot = this.lot(level, index);
    const maker = this.makerOf(level, index);
    if (level < 3) {
      const inputs = this.inputsOf(level, index);
      for (const input of inputs) this.materialise(level + 1, input, { level, index, at: made }, events);
      const inputKeys = inputs.map((i) => this.lot(level + 1, i).key);
      events.push({
        type: "transform",
        eventId: this.nextEventId(),
        at: iso(made),
        inputs: inputKeys,
        output: lot.key,
        org: maker,
      });
    } else {
      events.push({ type: "commissionLot", eventId: this.nextEventId(), at: iso(made), lot: lot.key, org: maker });
    }
    const to = this.makerOf(consumer.level, consumer.index);
    events.push({
      type: "ship",
      eventId: this.nextEventId(),
      at: iso(made + DAY),
      objects: [],
      classes: [lot.key],
      from: maker,
      to,
    });
  }

  private productLot(p: number, events: ChainEvent[]): void {
    const { config, orgs } = this;
    const at = Date.parse(config.start) + p * HOUR;
    const random = new Random(hashSeed(config.seed, config.variant, "lot", p));
    const lot = this.lot(0, p);
    const maker = this.makerOf(0, p);
    const inputs = this.inputsOf(0, p);
    for (const input of inputs) this.materialise(1, input, { level: 0, index: p, at }, events);
    const inputKeys = inputs.map((i) => this.lot(1, i).key);
    events.push({
      type: "transform",
      eventId: this.nextEventId(),
      at: iso(at),
      inputs: inputKeys,
      output: lot.key,
      org: maker,
    });
    const items = this.itemKeys(p);
    const commissioned = iso(at + 5 * 60_000);
    events.push({
      type: "commissionItems",
      eventId: this.nextEventId(),
      at: commissioned,
      lot: lot.key,
      lotNumber: lot.lotNumber,
      items,
      org: maker,
    });
    const cases = Array.from({ length: this.casesPerLot }, (_, c) => ({
      key: this.caseKey(p, c),
      items: items.slice(c * config.caseSize, (c + 1) * config.caseSize),
    }));
    for (const box of cases) {
      events.push({
        type: "pack",
        eventId: this.nextEventId(),
        at: iso(at + 10 * 60_000),
        parent: box.key,
        children: box.items,
        org: maker,
      });
    }
    for (let k = 0; k < this.palletsPerLot; k++) {
      const onPallet = cases.slice(k * config.casesPerPallet, (k + 1) * config.casesPerPallet);
      const pallet = this.palletKey(p, k);
      events.push({
        type: "pack",
        eventId: this.nextEventId(),
        at: iso(at + 20 * 60_000),
        parent: pallet,
        children: onPallet.map((c) => c.key),
        org: maker,
      });
      const province = random.int(0, PROVINCES.length - 1);
      const provincial = orgs.provincial[province]?.id ?? "";
      const palletItems = onPallet.flatMap((c) => c.items);
      events.push({
        type: "ship",
        eventId: this.nextEventId(),
        at: iso(at + DAY),
        objects: [pallet, ...palletItems],
        classes: [],
        from: maker,
        to: provincial,
      });
      for (const box of onPallet) this.distributeCase(box, province, provincial, at, random, events);
    }
  }

  /** Provincial -> city distributor -> retailer, item by item; then consumer scans of some items. */
  private distributeCase(
    box: { key: string; items: string[] },
    province: number,
    provincial: string,
    at: number,
    random: Random,
    events: ChainEvent[],
  ): void {
    const { config, orgs } = this;
    const cityIndex = province * 2 + random.int(0, 1);
    const city = orgs.city[cityIndex]?.id ?? "";
    const retailer =
      orgs.retailers[cityIndex * RETAILERS_PER_CITY_DISTRIBUTOR + random.int(0, RETAILERS_PER_CITY_DISTRIBUTOR - 1)];
    const shipped = [box.key, ...box.items];
    events.push({
      type: "ship",
      eventId: this.nextEventId(),
      at: iso(at + 3 * DAY),
      objects: shipped,
      classes: [],
      from: provincial,
      to: city,
    });
    events.push({
      type: "ship",
      eventId: this.nextEventId(),
      at: iso(at + 5 * DAY),
      objects: shipped,
      classes: [],
      from: city,
      to: retailer?.id ?? "",
    });
    for (const item of box.items) {
      if (!random.chance(config.scanShare)) continue;
      const elsewhere = random.chance(config.mismatchShare);
      const other = PROVINCES[(province + random.int(1, PROVINCES.length - 1)) % PROVINCES.length] ?? "11";
      const regionCode = elsewhere ? `${other}0101` : (retailer?.regionCode ?? "110101");
      const scannedAt = iso(at + 7 * DAY + random.int(0, 23 * 24) * HOUR);
      events.push({
        type: "scan",
        eventId: this.nextEventId(),
        at: scannedAt,
        object: item,
        regionCode,
        org: retailer?.id ?? "",
      });
    }
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
