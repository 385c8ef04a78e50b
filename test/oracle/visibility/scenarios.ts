import {
  aggregate,
  commission,
  nativeBatch,
  nativeIssue,
  observe,
  shipEpcis,
  transform,
  type ChainEvent,
  type ChainLog,
  type ChainObjectInfo,
  type ObjectKind,
  type OrgRole,
} from "./chain-model.js";

/**
 * Small hand-written chains for the visibility oracle tier: each one the minimal case of a §6 rule where the
 * service's write-time marks and the model's fixed points could part. They are replayed and compared like the
 * seeded chains (visibility.int.test.ts), every party, every object, every read.
 */

export interface Scenario {
  name: string;
  /** What it pins, in one line. */
  about: string;
  log: ChainLog;
}

const HOUR = 3_600_000;
const T0 = Date.UTC(2031, 5, 2, 2);
const h = (n: number) => T0 + n * HOUR;

const ROLES: Record<string, OrgRole> = {
  S: "SUPPLIER",
  M: "MANUFACTURER",
  M2: "MANUFACTURER",
  D: "DISTRIBUTOR",
  R: "RETAILER",
  Q: "RETAILER",
  G: "REGULATOR",
};

function log(orgs: string[], objects: Record<string, ObjectKind | `native ${ObjectKind}`>, events: ChainEvent[]) {
  const catalogue: ChainObjectInfo[] = Object.entries(objects).map(([key, kind]) => ({
    key,
    kind: kind.replace("native ", "") as ObjectKind,
    native: kind.startsWith("native "),
  }));
  return {
    organizations: [...orgs, "G"].map((id) => ({ id, roles: [ROLES[id] ?? "RETAILER"] })),
    objects: catalogue,
    events,
  };
}

/** The arrival order: the events in `order` (by index), the rest after them in their given order. */
function arriving(events: ChainEvent[], order: number[]): ChainEvent[] {
  const first = order.map((i) => events[i] as ChainEvent);
  return [...first, ...events.filter((_, i) => !order.includes(i))];
}

const id = (name: string) => `urn:uuid:scenario-${name}`;

export const SCENARIOS: Scenario[] = [
  {
    name: "issuance-history",
    about: "native issuance originates its codes: the maker's history then reaches the batch's component lot",
    log: log(["S", "M", "M2"], { lotA: "LOT", B: "native LOT", n1: "native ITEM" }, [
      commission({ id: id("ih-1"), time: h(1), by: "S", classes: ["lotA"] }),
      shipEpcis({ id: id("ih-2"), time: h(2), by: "S", to: "M", classes: ["lotA"] }),
      nativeBatch({ id: id("ih-3"), time: h(3), by: "M", manufacturer: "M", batch: "B", components: ["lotA"] }),
      shipEpcis({ id: id("ih-4"), time: h(4), by: "S", to: "M2", classes: ["lotA"] }),
      nativeIssue({ id: id("ih-5"), time: h(5), by: "M", manufacturer: "M", batch: "B", codes: ["n1"] }),
    ]),
  },
  {
    name: "receiving-names",
    about: "an event a party is a party of names an object: resolveCode answers it, though no edge is visible",
    log: log(["M", "D", "R"], { L: "LOT", i1: "ITEM" }, [
      commission({ id: id("rn-1"), time: h(1), by: "M", epcs: ["i1"], lot: "L" }),
      shipEpcis({ id: id("rn-2"), time: h(2), by: "M", to: "D", epcs: ["i1"] }),
      observe({ id: id("rn-3"), time: h(3), by: "R", epcs: ["i1"], bizStep: "receiving" }),
    ]),
  },
  {
    name: "foreign-content",
    about: "a container's content its sender never held is not received with the container",
    log: log(["M", "D", "R", "Q"], { L: "LOT", i1: "ITEM", i2: "ITEM", c: "CONTAINER" }, [
      commission({ id: id("fc-1"), time: h(1), by: "M", epcs: ["i1", "i2"], lot: "L" }),
      aggregate({ id: id("fc-2"), time: h(2), by: "M", parent: "c", children: ["i1"] }),
      shipEpcis({ id: id("fc-3"), time: h(3), by: "M", to: "D", epcs: ["c"] }),
      aggregate({ id: id("fc-4"), time: h(4), by: "D", parent: "c", children: ["i2"] }),
      shipEpcis({ id: id("fc-5"), time: h(5), by: "D", to: "R", epcs: ["c"] }),
      shipEpcis({ id: id("fc-6"), time: h(6), by: "R", to: "Q", epcs: ["i2"] }),
    ]),
  },
  {
    name: "late-packing",
    about: "an item packed (in time) before its container was shipped, whose packing arrives after the shipment",
    log: log(
      ["M", "D", "R"],
      { L: "LOT", i1: "ITEM", i2: "ITEM", c: "CONTAINER" },
      arriving(
        [
          commission({ id: id("lp-1"), time: h(1), by: "M", epcs: ["i1", "i2"], lot: "L" }),
          aggregate({ id: id("lp-2"), time: h(2), by: "M", parent: "c", children: ["i1"] }),
          aggregate({ id: id("lp-3"), time: h(3), by: "M", parent: "c", children: ["i2"] }),
          shipEpcis({ id: id("lp-4"), time: h(4), by: "M", to: "D", epcs: ["c"] }),
          shipEpcis({ id: id("lp-5"), time: h(5), by: "D", to: "R", epcs: ["i2"] }),
        ],
        [0, 1, 3, 4, 2],
      ),
    ),
  },
  {
    name: "held-content-only",
    about: "a sender that holds a container's content but not the container: the content is received alone",
    log: log(["M", "M2", "D", "R", "Q"], { L: "LOT", i1: "ITEM", c: "CONTAINER" }, [
      commission({ id: id("ho-1"), time: h(1), by: "M", epcs: ["i1"], lot: "L" }),
      shipEpcis({ id: id("ho-2"), time: h(2), by: "M", to: "D", epcs: ["i1"] }),
      aggregate({ id: id("ho-3"), time: h(3), by: "M2", parent: "c", children: ["i1"] }),
      shipEpcis({ id: id("ho-4"), time: h(4), by: "D", to: "R", epcs: ["c"] }),
      shipEpcis({ id: id("ho-5"), time: h(5), by: "R", to: "Q", epcs: ["i1"] }),
    ]),
  },
  {
    name: "late-receipt",
    about: "a receipt of a container arriving after the receiver's onward shipments of it and of its content",
    log: log(
      ["M", "D", "R", "Q"],
      { L: "LOT", i1: "ITEM", c: "CONTAINER" },
      arriving(
        [
          commission({ id: id("lr-1"), time: h(1), by: "M", epcs: ["i1"], lot: "L" }),
          aggregate({ id: id("lr-2"), time: h(2), by: "M", parent: "c", children: ["i1"] }),
          shipEpcis({ id: id("lr-3"), time: h(3), by: "M", to: "D", epcs: ["c"] }),
          shipEpcis({ id: id("lr-4"), time: h(4), by: "D", to: "R", epcs: ["c"] }),
          shipEpcis({ id: id("lr-5"), time: h(5), by: "R", to: "Q", epcs: ["i1"] }),
        ],
        [0, 1, 3, 4, 2],
      ),
    ),
  },
  {
    name: "late-unpacking-first",
    about: "an item taken out (in time) before its container was shipped, whose removal arrives before its packing",
    log: log(
      ["M", "D", "R"],
      { L: "LOT", i1: "ITEM", i2: "ITEM", c: "CONTAINER" },
      arriving(
        [
          commission({ id: id("lu-1"), time: h(1), by: "M", epcs: ["i1", "i2"], lot: "L" }),
          aggregate({ id: id("lu-2"), time: h(2), by: "M", parent: "c", children: ["i1", "i2"] }),
          aggregate({ id: id("lu-3"), time: h(3), by: "M", parent: "c", children: ["i2"], action: "DELETE" }),
          shipEpcis({ id: id("lu-4"), time: h(4), by: "M", to: "D", epcs: ["c"] }),
          shipEpcis({ id: id("lu-5"), time: h(5), by: "D", to: "R", epcs: ["i2"] }),
        ],
        [0, 2, 1, 3, 4],
      ),
    ),
  },
  {
    name: "late-unpacking-after-shipment",
    about: "an item taken out (in time) before its container was shipped, whose removal arrives after the shipment",
    log: log(
      ["M", "D", "R"],
      { L: "LOT", i1: "ITEM", i2: "ITEM", c: "CONTAINER" },
      arriving(
        [
          commission({ id: id("la-1"), time: h(1), by: "M", epcs: ["i1", "i2"], lot: "L" }),
          aggregate({ id: id("la-2"), time: h(2), by: "M", parent: "c", children: ["i1", "i2"] }),
          aggregate({ id: id("la-3"), time: h(3), by: "M", parent: "c", children: ["i2"], action: "DELETE" }),
          shipEpcis({ id: id("la-4"), time: h(4), by: "M", to: "D", epcs: ["c"] }),
          shipEpcis({ id: id("la-5"), time: h(5), by: "D", to: "R", epcs: ["i2"] }),
        ],
        [0, 1, 3, 4, 2],
      ),
    ),
  },
  {
    name: "three-event-transformation",
    about: "one transformationID over three events: is the input -> output edge foreign to the third event's party",
    log: log(["S", "M", "M2"], { lotA: "LOT", P1: "LOT", P2: "LOT" }, [
      commission({ id: id("tt-1"), time: h(1), by: "S", classes: ["lotA"] }),
      shipEpcis({ id: id("tt-2"), time: h(2), by: "S", to: "M", classes: ["lotA"] }),
      transform({ id: id("tt-3"), time: h(3), by: "M", inputs: ["lotA"], outputs: [], transformationId: "tid" }),
      transform({ id: id("tt-4"), time: h(4), by: "M", inputs: [], outputs: ["P1"], transformationId: "tid" }),
      transform({ id: id("tt-5"), time: h(5), by: "M2", inputs: [], outputs: ["P2"], transformationId: "tid" }),
    ]),
  },
];
