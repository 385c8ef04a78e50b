import { emptyWritePlan, type WritePlan } from "../../src/graph/flow-model.js";
import { Random } from "../support/seeded-random.js";

/**
 * A SEEDED generator of random supply chains for the oracle tests (issue 6): suppliers ship component lots to
 * manufacturers, transformations turn them into intermediate and product lots (some inputs commingled, i.e.
 * quantity-level), items are issued under product lots, packed into cases and cases onto pallets (a few items
 * repacked later, some containment ended), pallets and cases go through distributors to retailers, and market scans
 * happen in and out of the authorised regions, before and after the shipments.
 *
 * The STRUCTURE (what is linked to what, in which order, quantity-level or not, which region) depends only on the
 * seed. Identifiers and organisation ids also carry a run-unique number taken from `suffix`, so runs never collide in
 * the shared database. Every object has a real GS1 key (SGTIN items, LGTIN lots, SSCC cases and pallets) with check
 * digits computed here, independently of src/codes, plus alternative spellings (EPC URN, Digital Link on another host).
 */

// ---------------------------------------------------------------------------------------------------------------
// The in-memory description of a chain
// ---------------------------------------------------------------------------------------------------------------

export type ChainObjectKind = "LOT" | "ITEM" | "CONTAINER";
export type ChainRole = "component" | "intermediate" | "product" | "item" | "case" | "pallet";
export type ChainOrgRole = "SUPPLIER" | "MANUFACTURER" | "DISTRIBUTOR" | "RETAILER";
export type ChainEdgeKind = "TRANSFORMED_INTO" | "IN_LOT" | "CONTAINED_IN";

export interface ChainObject {
  /** Canonical key (API-CONTRACT §1). */
  key: string;
  kind: ChainObjectKind;
  role: ChainRole;
  /** Other accepted spellings of the same object: EPC URN, Digital Link on another host, and variants. */
  spellings: string[];
}

export interface ChainOrganization {
  id: string;
  name: string;
  roles: ChainOrgRole[];
  regionCode: string | null;
  authorizedRegions: string[];
  /** False for a party only named by shipments: the graph knows its id and nothing else. */
  registered: boolean;
}

export interface ChainEdge {
  kind: ChainEdgeKind;
  from: string;
  to: string;
  /** ISO instant the edge starts to hold. */
  at: string;
  /** A commingled (quantity-class) input of a transformation. */
  quantityLevel: boolean;
  eventId: string;
}

/** AggregationEvent DELETE: containment of `child` (or of every child when null) in `parent` ends at `at`. */
export interface ChainContainmentEnd {
  parent: string;
  child: string | null;
  at: string;
  eventId: string;
}

export interface ChainShipment {
  objectKey: string;
  toOrgId: string;
  fromOrgId: string | null;
  at: string;
  eventId: string;
}

export interface ChainScan {
  eventId: string;
  objectKey: string;
  regionCode: string;
  at: string;
}

export interface SupplyChain {
  seed: number;
  /** Seven digits unique to this run, inside every GS1 key. */
  runNumber: string;
  organizations: ChainOrganization[];
  objects: ChainObject[];
  edges: ChainEdge[];
  containmentEnds: ChainContainmentEnd[];
  shipments: ChainShipment[];
  scans: ChainScan[];
  /** Every instant at which something happened, sorted: candidates for `asOf`. */
  instants: string[];
}

export interface GeneratedChain {
  chain: SupplyChain;
  plan: WritePlan;
}

export interface GeneratorOptions {
  seed: number;
  /** Run-unique text (e.g. `uniqueSuffix()`), mixed into organisation ids and GS1 keys. */
  suffix: string;
  /** Product lots and items per lot; the defaults give a few hundred objects. */
  productLots?: [number, number];
  itemsPerLot?: [number, number];
}

// ---------------------------------------------------------------------------------------------------------------
// GS1 keys, built independently of src/codes
// ---------------------------------------------------------------------------------------------------------------

/** GS1 mod-10 check digit: weight 3 on the digit next to the check digit, then 1, 3, ... */
export function mod10CheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const weight = (digits.length - 1 - i) % 2 === 0 ? 3 : 1;
    sum += Number(digits[i]) * weight;
  }
  return String((10 - (sum % 10)) % 10);
}

const CANONICAL = "https://id.gs1.org";
const BRAND_HOSTS = ["https://brand.example.cn", "https://qr.example.com", "https://BRAND.example.net"];
const LOGISTICS_HOSTS = ["https://logistics.example.com", "https://wms.example.cn"];

interface Gtin {
  companyPrefix: string;
  /** Indicator digit followed by the item reference, as an EPC URN writes them. */
  indicatorAndReference: string;
  gtin14: string;
}

/** Region codes (GB/T 2260) used by the generator; authorised sets mix province, prefecture and county levels. */
export const REGIONS = {
  distributorAuthorisations: [["440000"], ["430000", "450100"], ["440305"], ["440300", "450000"], [], ["110000"]],
  seats: ["440305", "440106", "441900", "430102", "450103", "450205", "110105", "440303"],
  scans: [
    "440305",
    "440106",
    "441900",
    "430102",
    "430104",
    "450103",
    "450102",
    "450205",
    "110105",
    "440303",
    "440300",
    "350102",
  ],
} as const;

// ---------------------------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------------------------

const MINUTE = 60_000;

export function generateSupplyChain(options: GeneratorOptions): GeneratedChain {
  return new ChainGenerator(options).generate();
}

class ChainGenerator {
  private readonly rng: Random;
  private readonly seed: number;
  private readonly suffix: string;
  private readonly runNumber: string;
  private readonly companyPrefix: string;
  private readonly options: GeneratorOptions;

  private clock: number;
  private eventCounter = 0;
  private itemReferences = 0;
  private sscCounter = 0;
  private serialCounter = 0;
  private lotCounter = 0;

  private readonly organizations: ChainOrganization[] = [];
  private readonly objects: ChainObject[] = [];
  private readonly edges: ChainEdge[] = [];
  private readonly containmentEnds: ChainContainmentEnd[] = [];
  private readonly shipments: ChainShipment[] = [];
  private readonly scans: ChainScan[] = [];
  private readonly instants = new Set<string>();

  constructor(options: GeneratorOptions) {
    this.options = options;
    this.seed = options.seed;
    this.rng = new Random(options.seed);
    this.suffix = options.suffix;
    // A run-unique number from the suffix: seven digits inside the company prefix, serials and lots.
    let hash = 2166136261;
    for (const ch of `${options.suffix}:${options.seed}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
    this.runNumber = String(hash % 10_000_000).padStart(7, "0");
    this.companyPrefix = `69${this.runNumber}`;
    // Each seed gets its own day in 2031, far from the other tests' dates.
    this.clock = Date.UTC(2031, 0, 1) + (options.seed % 3000) * 24 * 60 * MINUTE;
  }

  generate(): GeneratedChain {
    const rng = this.rng;

    // --- organisations ------------------------------------------------------------------------------------------
    const suppliers = Array.from({ length: rng.int(2, 3) }, () => this.org(["SUPPLIER"], rng.pick(REGIONS.seats), []));
    const manufacturers = Array.from({ length: rng.int(1, 2) }, () =>
      this.org(["MANUFACTURER"], rng.pick(["440305", "440106", "430102"]), rng.chance(0.5) ? ["440000"] : []),
    );
    const authorisations = rng.shuffle(REGIONS.distributorAuthorisations);
    const distributors = Array.from({ length: rng.int(3, 4) }, (_, i) =>
      this.org(["DISTRIBUTOR"], rng.pick(REGIONS.seats), [...(authorisations[i] ?? [])]),
    );
    const retailers = Array.from({ length: rng.int(4, 6) }, () => {
      const seat = rng.pick(REGIONS.seats);
      const authorised = rng.pick([
        [seat],
        [`${seat.slice(0, 4)}00`],
        [`${seat.slice(0, 2)}0000`],
        [],
        [seat, rng.pick(REGIONS.seats)],
      ]);
      return this.org(["RETAILER"], seat, authorised);
    });
    // A retailer only ever named by shipments: no registration, no region.
    const unregistered = this.org(["RETAILER"], null, [], false);
    const shops = [...retailers, unregistered];

    // --- component lots, shipped by suppliers to manufacturers ---------------------------------------------------
    const components: string[] = [];
    for (const supplier of suppliers) {
      const gtin = this.gtin();
      for (let i = rng.int(1, 3); i > 0; i--) {
        const lot = this.lot(gtin, "component");
        components.push(lot);
        const to = rng.pick(manufacturers);
        this.ship([lot], to.id, supplier.id);
        if (manufacturers.length > 1 && rng.chance(0.2)) {
          this.ship([lot], manufacturers.find((m) => m !== to)?.id ?? to.id, supplier.id);
        }
      }
    }

    // --- transformations: intermediates, then product lots ------------------------------------------------------
    const intermediates: string[] = [];
    for (let i = rng.int(1, 2); i > 0; i--) {
      const out = this.lot(this.gtin(), "intermediate");
      intermediates.push(out);
      this.transform(rng.sample(components, rng.int(1, 3)), [out]);
    }
    // A long rework chain (re-spooled, re-blended, ...): deeper than the default maxDepth of 16.
    const reworkGtin = this.gtin();
    let previous = rng.pick(components);
    for (let i = rng.int(17, 22); i > 0; i--) {
      const out = this.lot(reworkGtin, "intermediate");
      this.transform([previous], [out]);
      previous = out;
    }
    const reworked = previous;
    const products: string[] = [];
    const [minLots, maxLots] = this.options.productLots ?? [4, 6];
    const productLotCount = rng.int(minLots, maxLots);
    while (products.length < productLotCount) {
      const gtin = this.gtin();
      const outputs = Array.from({ length: rng.chance(0.3) ? 2 : 1 }, () => this.lot(gtin, "product"));
      products.push(...outputs);
      const inputs = rng.sample([...components, ...intermediates], rng.int(1, 3));
      // The first product lot is made from the end of the rework chain.
      this.transform(products.length === outputs.length ? [reworked, ...inputs] : inputs, outputs);
    }

    // --- items issued under the product lots ---------------------------------------------------------------------
    const [minItems, maxItems] = this.options.itemsPerLot ?? [25, 45];
    const items: string[] = [];
    for (const lot of products) {
      const gtin = this.gtinOfLot.get(lot);
      if (!gtin) throw new Error("lot without GTIN");
      const at = this.tick();
      const eventId = this.eventId();
      for (let i = rng.int(minItems, maxItems); i > 0; i--) {
        const item = this.item(gtin);
        items.push(item);
        this.edge("IN_LOT", lot, item, at, false, eventId);
      }
    }

    // --- packing: items into cases, cases onto pallets -----------------------------------------------------------
    const loose = new Set<string>();
    const caseOf = new Map<string, string>();
    const cases: string[] = [];
    const packing = items.filter((item) => (rng.chance(0.08) ? (loose.add(item), false) : true));
    // Mostly packed lot by lot; a few neighbours swapped, so some cases hold items of two lots.
    for (let i = 0; i + 1 < packing.length; i++) {
      if (rng.chance(0.05)) [packing[i], packing[i + 1]] = [packing[i + 1] as string, packing[i] as string];
    }
    for (let i = 0; i < packing.length;) {
      const size = rng.int(4, 8);
      const box = this.sscc("case");
      cases.push(box);
      const at = this.tick();
      const eventId = this.eventId();
      for (const item of packing.slice(i, i + size)) {
        this.edge("CONTAINED_IN", item, box, at, false, eventId);
        caseOf.set(item, box);
      }
      i += size;
    }
    const pallets: string[] = [];
    const casesOnPallet = new Map<string, string[]>();
    const looseCases: string[] = [];
    for (let i = 0; i < cases.length;) {
      if (rng.chance(0.15)) {
        looseCases.push(cases[i] as string);
        i += 1;
        continue;
      }
      const size = rng.int(2, 4);
      const pallet = this.sscc("pallet");
      pallets.push(pallet);
      const group = cases.slice(i, i + size);
      casesOnPallet.set(pallet, group);
      const at = this.tick();
      const eventId = this.eventId();
      for (const box of group) this.edge("CONTAINED_IN", box, pallet, at, false, eventId);
      i += size;
    }

    // --- manufacturer -> distributors -------------------------------------------------------------------------
    const holder = new Map<string, ChainOrganization>();
    for (const pallet of pallets) {
      const to = rng.pick(distributors);
      // Sometimes the cases are listed in the same shipping event: equal times, the nearest container wins.
      const withCases = rng.chance(0.3) ? (casesOnPallet.get(pallet) ?? []) : [];
      this.ship([pallet, ...withCases], to.id, rng.pick(manufacturers).id);
      holder.set(pallet, to);
    }
    for (const box of looseCases) {
      if (rng.chance(0.85)) {
        const to = rng.pick(distributors);
        this.ship([box], to.id, rng.pick(manufacturers).id);
        holder.set(box, to);
      }
    }
    for (const item of loose) {
      if (rng.chance(0.4)) this.ship([item], rng.pick(shops).id, rng.pick(manufacturers).id);
      else if (rng.chance(0.5)) this.ship([item], rng.pick(distributors).id, rng.pick(manufacturers).id);
      // otherwise never shipped: its scans are NOT_SHIPPED
    }

    // --- distributors: transfers, unpacking, onward shipments to retailers -------------------------------------
    for (const pallet of pallets) {
      let at = holder.get(pallet);
      if (!at) continue;
      if (rng.chance(0.12)) {
        const other = rng.pick(distributors.filter((d) => d !== at));
        this.ship([pallet], other.id, at.id);
        at = other;
      }
      const choice = rng.float();
      if (choice < 0.45) {
        // Unpack the pallet (DELETE without children ends all), then ship most cases on.
        this.endContainment(pallet, null);
        for (const box of casesOnPallet.get(pallet) ?? []) {
          if (rng.chance(0.8)) this.ship([box], rng.pick(shops).id, at.id);
        }
      } else if (choice < 0.7) {
        this.ship([pallet], rng.pick(shops).id, at.id);
      } else if (choice < 0.9) {
        // Cases shipped on while still (timelessly) on the pallet.
        for (const box of casesOnPallet.get(pallet) ?? []) {
          if (rng.chance(0.5)) this.ship([box], rng.pick(shops).id, at.id);
        }
      }
    }
    for (const box of looseCases) {
      const at = holder.get(box);
      if (at && rng.chance(0.6)) this.ship([box], rng.pick(shops).id, at.id);
    }

    // --- repacking: an item moved to a second case later, with or without the DELETE from the first ------------
    for (const item of rng.sample([...caseOf.keys()], Math.max(2, Math.round(caseOf.size * 0.05)))) {
      const from = caseOf.get(item);
      const to = rng.pick(cases.filter((c) => c !== from));
      if (from && rng.chance(0.7)) this.endContainment(from, item);
      this.edge("CONTAINED_IN", item, to, this.tick(), false, this.eventId());
      if (rng.chance(0.3)) this.ship([to], rng.pick(shops).id, rng.pick(distributors).id);
    }
    // A few items simply taken out of their case.
    for (const item of rng.sample([...caseOf.keys()], 2)) {
      const from = caseOf.get(item);
      if (from) this.endContainment(from, item);
    }
    // A case emptied at a shop (DELETE of all children).
    const emptied = rng.pick(cases);
    this.endContainment(emptied, null);

    // --- market scans -----------------------------------------------------------------------------------------
    const start = Date.parse([...this.instants].sort()[0] ?? new Date(this.clock).toISOString());
    const end = this.clock + 3 * 60 * MINUTE;
    const scanCount = rng.int(60, 100);
    const shipmentsOf = (key: string) => this.shipments.filter((s) => s.objectKey === key);
    const containersOf = (key: string): string[] => {
      const seen = new Set([key]);
      for (const k of seen) for (const e of this.edges) if (e.kind === "CONTAINED_IN" && e.from === k) seen.add(e.to);
      return [...seen];
    };
    for (let i = 0; i < scanCount; i++) {
      const r = rng.float();
      const object =
        r < 0.7
          ? rng.pick(items)
          : r < 0.85
            ? rng.pick(cases)
            : r < 0.93
              ? rng.pick(pallets.length ? pallets : cases)
              : rng.pick(rng.chance(0.5) ? products : components);
      const related = containersOf(object).flatMap(shipmentsOf);
      const boundaries = related.map((s) => Date.parse(s.at));
      let at: number;
      const mode = rng.float();
      if (boundaries.length && mode < 0.15) at = rng.pick(boundaries);
      else if (boundaries.length && mode < 0.25) at = rng.pick(boundaries) - 1000;
      else if (boundaries.length && mode < 0.75) {
        const first = Math.min(...boundaries);
        at = first + Math.floor(rng.float() * (end - first));
      } else at = start + Math.floor(rng.float() * (end - start));
      // Half the scans where one of the holders may sell, the others anywhere.
      const authorised = related.flatMap(
        (s) => this.organizations.find((o) => o.id === s.toOrgId)?.authorizedRegions ?? [],
      );
      const inside = authorised.length
        ? REGIONS.scans.filter((g) => authorised.some((a) => g.startsWith(a.replace(/0{2,4}$/, ""))))
        : [];
      const region = inside.length && rng.chance(0.5) ? rng.pick(inside) : rng.pick(REGIONS.scans);
      const eventId = this.eventId();
      const iso = new Date(at).toISOString();
      this.scans.push({ eventId, objectKey: object, regionCode: region, at: iso });
      // One scan event may name two objects (the item and its case): one alert per (event, object).
      const box = caseOf.get(object);
      if (box && rng.chance(0.15)) this.scans.push({ eventId, objectKey: box, regionCode: region, at: iso });
      this.instants.add(iso);
    }

    return { chain: this.chain(), plan: this.plan() };
  }

  // --- building blocks ------------------------------------------------------------------------------------------

  private readonly gtinOfLot = new Map<string, Gtin>();

  private org(roles: ChainOrgRole[], regionCode: string | null, authorised: string[], registered = true) {
    const n = this.organizations.length;
    const org: ChainOrganization = {
      id: `https://example.com/org/${this.seed}-${n}-${this.suffix}`,
      name: `${roles[0]?.toLowerCase() ?? "org"} ${n} (seed ${this.seed})`,
      roles,
      regionCode,
      authorizedRegions: [...new Set(authorised)].sort(),
      registered,
    };
    this.organizations.push(org);
    return org;
  }

  private tick(): string {
    this.clock += this.rng.int(1, 90) * MINUTE + this.rng.int(0, 59) * 1000;
    const iso = new Date(this.clock).toISOString();
    this.instants.add(iso);
    return iso;
  }

  private eventId(): string {
    return `urn:uuid:oracle-${this.seed}-${this.suffix}-${this.eventCounter++}`;
  }

  private gtin(): Gtin {
    const indicator = String(this.rng.int(0, 9));
    const reference = String(this.itemReferences++).padStart(3, "0");
    const body = `${indicator}${this.companyPrefix}${reference}`;
    return {
      companyPrefix: this.companyPrefix,
      indicatorAndReference: indicator + reference,
      gtin14: body + mod10CheckDigit(body),
    };
  }

  private lot(gtin: Gtin, role: ChainRole): string {
    const lot = `L${this.runNumber}-${this.lotCounter++}`;
    const key = `${CANONICAL}/01/${gtin.gtin14}/10/${lot}`;
    const urn = `urn:epc:class:lgtin:${gtin.companyPrefix}.${gtin.indicatorAndReference}.${lot}`;
    const host = this.rng.pick(BRAND_HOSTS);
    this.gtinOfLot.set(key, gtin);
    this.objects.push({
      key,
      kind: "LOT",
      role,
      spellings: [urn, `${host}/01/${gtinSpelling(gtin.gtin14)}/10/${lot}`, decorate(urn)],
    });
    return key;
  }

  private item(gtin: Gtin): string {
    const serial = `${this.runNumber}${this.serialCounter++}`;
    const key = `${CANONICAL}/01/${gtin.gtin14}/21/${serial}`;
    const urn = `urn:epc:id:sgtin:${gtin.companyPrefix}.${gtin.indicatorAndReference}.${serial}`;
    const host = this.rng.pick(BRAND_HOSTS);
    this.objects.push({
      key,
      kind: "ITEM",
      role: "item",
      spellings: [urn, `${host}/01/${gtinSpelling(gtin.gtin14)}/21/${serial}`, decorate(urn)],
    });
    return key;
  }

  private sscc(role: "case" | "pallet"): string {
    const extension = String(this.rng.int(0, 9));
    const serial = String(this.sscCounter++).padStart(7, "0");
    const body = `${extension}${this.companyPrefix}${serial}`;
    const sscc18 = body + mod10CheckDigit(body);
    const key = `${CANONICAL}/00/${sscc18}`;
    const urn = `urn:epc:id:sscc:${this.companyPrefix}.${extension}${serial}`;
    const host = this.rng.pick(LOGISTICS_HOSTS);
    this.objects.push({ key, kind: "CONTAINER", role, spellings: [urn, `${host}/00/${sscc18}`, decorate(urn)] });
    return key;
  }

  private edge(kind: ChainEdgeKind, from: string, to: string, at: string, quantityLevel: boolean, eventId: string) {
    this.edges.push({ kind, from, to, at, quantityLevel, eventId });
  }

  /** One transformation event: every input -> every output; an input given as a quantity class is commingled. */
  private transform(inputs: string[], outputs: string[]) {
    const at = this.tick();
    const eventId = this.eventId();
    for (const input of inputs) {
      const quantityLevel = this.rng.chance(0.35);
      for (const output of outputs) this.edge("TRANSFORMED_INTO", input, output, at, quantityLevel, eventId);
    }
  }

  /** One shipping event (one time, one destination) for the given objects. */
  private ship(objectKeys: string[], toOrgId: string, fromOrgId: string | null) {
    const at = this.tick();
    const eventId = this.eventId();
    for (const objectKey of objectKeys) this.shipments.push({ objectKey, toOrgId, fromOrgId, at, eventId });
  }

  private endContainment(parent: string, child: string | null) {
    this.containmentEnds.push({ parent, child, at: this.tick(), eventId: this.eventId() });
  }

  private chain(): SupplyChain {
    return {
      seed: this.seed,
      runNumber: this.runNumber,
      organizations: this.organizations,
      objects: this.objects,
      edges: this.edges,
      containmentEnds: this.containmentEnds,
      shipments: this.shipments,
      scans: this.scans,
      instants: [...this.instants].sort(),
    };
  }

  private plan(): WritePlan {
    const plan = emptyWritePlan();
    plan.objects = this.objects.map((o) => ({ key: o.key, kind: o.kind }));
    plan.edges = this.edges.map((e) => ({ ...e }));
    plan.containmentEnds = this.containmentEnds.map(({ child, ...rest }) => ({ ...rest, ...(child ? { child } : {}) }));
    plan.shipments = this.shipments.map(({ fromOrgId, ...rest }) => ({ ...rest, ...(fromOrgId ? { fromOrgId } : {}) }));
    plan.scans = this.scans.map((s) => ({ ...s, bizStep: this.rng.chance(0.8) ? "retail_selling" : "inspecting" }));
    plan.organizationIds = [...new Set(this.shipments.map((s) => s.toOrgId))];
    return plan;
  }
}

/** A GTIN as a Digital Link may spell it: GTIN-13 when the indicator digit is 0, else GTIN-14. */
function gtinSpelling(gtin14: string): string {
  return gtin14.startsWith("0") ? gtin14.slice(1) : gtin14;
}

/**
 * The same URN with `urn:epc:` upper-cased and surrounding spaces: RFC 8141 makes "urn" and the namespace id
 * case-insensitive, and §1 ignores surrounding spaces.
 */
function decorate(urn: string): string {
  if (!urn.startsWith("urn:epc:")) throw new Error(`not an EPC URN: ${urn}`);
  return `  URN:EPC:${urn.slice("urn:epc:".length)} `;
}

/** A spelling of `object` chosen at random: the canonical key or one of its alternatives. */
export function spell(object: ChainObject, rng: Random): string {
  return rng.chance(0.2) ? object.key : rng.pick(object.spellings);
}
