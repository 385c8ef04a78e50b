import type { ChainObjectKind, ChainScan, SupplyChain } from "./supply-chain-generator.js";

/**
 * An INDEPENDENT in-memory computation of the answers API-CONTRACT.md §2-§4 define, from the generator's plain
 * description of a chain. Nothing here comes from src/: every rule is re-derived from the contract text (quoted at
 * each function), so the integration test compares two readings of the contract, not one reading with itself.
 */

export type OracleNodeKind = ChainObjectKind | "ORGANIZATION";
export type OracleEdgeKind = "TRANSFORMED_INTO" | "IN_LOT" | "CONTAINED_IN" | "SHIPPED_TO";

export interface OracleNode {
  key: string;
  kind: OracleNodeKind;
  depth: number;
}

export interface OracleEdge {
  from: string;
  to: string;
  kind: OracleEdgeKind;
}

export interface OracleGraph {
  root: string;
  nodes: OracleNode[];
  edges: OracleEdge[];
}

export interface TraceOptions {
  /** Object edges followed at most (the contract's default is 16). */
  maxDepth?: number;
  /** Follow only edges that held at this instant; undefined = the contract's timeless reachability. */
  asOf?: string;
}

export type Tier = "CERTAIN" | "POSSIBLE";

export interface OracleRecall {
  root: string;
  objects: { key: string; kind: ChainObjectKind; tier: Tier }[];
  organizations: { id: string; objectCount: number }[];
  regions: string[];
}

export type DiversionRule = "REGION_MISMATCH" | "NOT_SHIPPED";

export interface OracleJudgement {
  scan: ChainScan;
  /** Null when the scan breaks no rule (no alert). */
  rule: DiversionRule | null;
  responsibleOrgId: string | null;
  authorizedRegions: string[];
  /**
   * Every evidence path the contract allows: keys from O through containers to the shipped object, then the
   * responsible organisation. Several when O reaches the shipped container by equally short paths.
   */
  evidence: string[][];
}

interface Interval {
  from: string;
  to: string;
  kind: "TRANSFORMED_INTO" | "IN_LOT" | "CONTAINED_IN";
  quantityLevel: boolean;
  at: number;
  /** Containment ended by an aggregation DELETE at this instant (exclusive); undefined = still holds. */
  until: number | undefined;
}

const DEFAULT_MAX_DEPTH = 16;

/**
 * §3: "an authorised region covers its own code and every code below it (440000 covers 440305; 440300 covers
 * 440305, not 441900)". GB/T 2260: two digits province, two prefecture, two county.
 */
export function regionCovers(authorised: string, code: string): boolean {
  if (authorised.endsWith("0000")) return code.slice(0, 2) === authorised.slice(0, 2);
  if (authorised.endsWith("00")) return code.slice(0, 4) === authorised.slice(0, 4);
  return code === authorised;
}

export class Oracle {
  private readonly kinds = new Map<string, ChainObjectKind>();
  private readonly edges: Interval[] = [];
  private readonly out = new Map<string, Interval[]>();
  private readonly into = new Map<string, Interval[]>();
  private readonly shipmentsOf = new Map<string, SupplyChain["shipments"]>();
  private readonly orgs = new Map<string, SupplyChain["organizations"][number]>();

  constructor(private readonly chain: SupplyChain) {
    for (const object of chain.objects) this.kinds.set(object.key, object.kind);
    for (const org of chain.organizations) this.orgs.set(org.id, org);
    for (const edge of chain.edges) {
      const interval: Interval = {
        from: edge.from,
        to: edge.to,
        kind: edge.kind,
        quantityLevel: edge.quantityLevel,
        at: Date.parse(edge.at),
        until: undefined,
      };
      this.edges.push(interval);
      push(this.out, edge.from, interval);
      push(this.into, edge.to, interval);
    }
    // An aggregation DELETE ends the containment of its child (or of every child) in the parent that held at that
    // moment: edges that started at or before it and were not ended already. Applied in time order.
    const ends = [...chain.containmentEnds].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    for (const end of ends) {
      const at = Date.parse(end.at);
      for (const edge of this.into.get(end.parent) ?? []) {
        if (edge.kind !== "CONTAINED_IN" || edge.until !== undefined || edge.at > at) continue;
        if (end.child === null || edge.from === end.child) {
          edge.until = at;
        }
      }
    }
    for (const shipment of chain.shipments) push(this.shipmentsOf, shipment.objectKey, shipment);
  }

  /**
   * Containments that a first aggregation DELETE ended and a later DELETE (of the same child, or of every child of
   * the parent) names again: the edge holds until `firstEnd`, not until `lastEnd`.
   */
  repeatedlyEnded(): { child: string; parent: string; firstEnd: string; lastEnd: string }[] {
    const out: { child: string; parent: string; firstEnd: string; lastEnd: string }[] = [];
    for (const edge of this.edges) {
      if (edge.kind !== "CONTAINED_IN" || edge.until === undefined) continue;
      const later = this.chain.containmentEnds
        .filter((e) => e.parent === edge.to && (e.child === null || e.child === edge.from))
        .map((e) => Date.parse(e.at))
        .filter((at) => at > (edge.until ?? Infinity));
      if (later.length) {
        out.push({
          child: edge.from,
          parent: edge.to,
          firstEnd: new Date(edge.until).toISOString(),
          lastEnd: new Date(Math.max(...later)).toISOString(),
        });
      }
    }
    return out;
  }

  kindOf(key: string): ChainObjectKind {
    const kind = this.kinds.get(key);
    if (!kind) throw new Error(`oracle: unknown object ${key}`);
    return kind;
  }

  /**
   * §2: "`downstream(code)` is every object reachable from the root over edges 1-3, plus every organisation that is
   * the destination of a shipment of the root or of any of those objects." Depth = fewest object edges from the root
   * (BFS); an organisation is one past the nearest object shipped to it. maxDepth bounds the object edges followed;
   * the organisations of every object kept are listed (so they may sit at maxDepth + 1).
   */
  downstream(root: string, options: TraceOptions = {}): OracleGraph {
    return this.trace(root, "down", options);
  }

  /**
   * §2: "`upstream(code)` is every object from which the root is reachable over edges 1-3, plus every organisation
   * that is the sender or destination of a shipment of any of those objects." Read with the downstream sentence,
   * which names "the root OR any of those objects": here only "those objects", the ones the root came from, so the
   * root's own shipments are not part of its upstream.
   */
  upstream(root: string, options: TraceOptions = {}): OracleGraph {
    return this.trace(root, "up", options);
  }

  private trace(root: string, direction: "down" | "up", options: TraceOptions): OracleGraph {
    const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    const asOf = options.asOf === undefined ? undefined : Date.parse(options.asOf);
    const holds = (edge: Interval) =>
      asOf === undefined || (edge.at <= asOf && (edge.until === undefined || asOf < edge.until));
    const depth = this.bfs(root, direction, holds, maxDepth);

    const nodes = new Map<string, OracleNode>();
    for (const [key, d] of depth) nodes.set(key, { key, kind: this.kindOf(key), depth: d });
    const edges = new Map<string, OracleEdge>();
    const addEdge = (edge: OracleEdge) => edges.set(`${edge.kind} ${edge.from} ${edge.to}`, edge);
    for (const edge of this.edges) {
      if (holds(edge) && depth.has(edge.from) && depth.has(edge.to)) {
        addEdge({ from: edge.from, to: edge.to, kind: edge.kind });
      }
    }
    const addOrg = (id: string, d: number) => {
      const known = nodes.get(id);
      if (!known || known.depth > d) nodes.set(id, { key: id, kind: "ORGANIZATION", depth: d });
    };
    for (const [key, d] of depth) {
      if (direction === "up" && key === root) continue;
      for (const shipment of this.shipmentsOf.get(key) ?? []) {
        if (asOf !== undefined && Date.parse(shipment.at) > asOf) continue;
        addOrg(shipment.toOrgId, d + 1);
        addEdge({ from: key, to: shipment.toOrgId, kind: "SHIPPED_TO" });
        if (direction === "up" && shipment.fromOrgId) addOrg(shipment.fromOrgId, d + 1);
      }
    }
    return { root, nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  /** Breadth-first minimal depths over the object edges that `holds` admits, up to maxDepth edges. */
  private bfs(
    root: string,
    direction: "down" | "up",
    holds: (edge: Interval) => boolean,
    maxDepth: number,
  ): Map<string, number> {
    const depth = new Map<string, number>([[root, 0]]);
    let frontier = [root];
    for (let d = 1; d <= maxDepth && frontier.length; d++) {
      const next: string[] = [];
      for (const key of frontier) {
        const steps = direction === "down" ? this.out.get(key) : this.into.get(key);
        for (const edge of steps ?? []) {
          if (!holds(edge)) continue;
          const other = direction === "down" ? edge.to : edge.from;
          if (depth.has(other)) continue;
          depth.set(other, d);
          next.push(other);
        }
      }
      frontier = next;
    }
    return depth;
  }

  /**
   * §4: "`recallImpact(code)` covers `downstream(code)`'s objects and organisations": every affected object (the
   * root included), each organisation with the number of affected objects shipped to it, and "region codes of
   * affected organisations and of scans of affected objects". Issue 6: an object is CERTAIN when reached through
   * instance-level edges only, POSSIBLE when only a quantity-level (commingled) transformation leads to it.
   */
  recallImpact(root: string): OracleRecall {
    const affected = this.bfs(root, "down", () => true, Number.MAX_SAFE_INTEGER);
    const certain = this.bfs(root, "down", (edge) => !edge.quantityLevel, Number.MAX_SAFE_INTEGER);
    const holders = new Map<string, Set<string>>();
    for (const key of affected.keys()) {
      for (const shipment of this.shipmentsOf.get(key) ?? []) {
        const held = holders.get(shipment.toOrgId) ?? new Set<string>();
        held.add(key);
        holders.set(shipment.toOrgId, held);
      }
    }
    const regions = new Set<string>();
    for (const id of holders.keys()) {
      const org = this.orgs.get(id);
      if (org?.registered && org.regionCode) regions.add(org.regionCode);
    }
    for (const scan of this.chain.scans) if (affected.has(scan.objectKey)) regions.add(scan.regionCode);
    return {
      root,
      objects: [...affected.keys()].map((key) => ({
        key,
        kind: this.kindOf(key),
        tier: certain.has(key) ? "CERTAIN" : "POSSIBLE",
      })),
      organizations: [...holders].map(([id, held]) => ({ id, objectCount: held.size })),
      regions: [...regions].sort(),
    };
  }

  /**
   * §3: "For a scan of object O in region g at time t, the responsible organisation is the destination of the latest
   * shipment at or before t of O or of any object that O reaches over containment edges" (timeless containment; ties
   * on time go to the nearest container). "REGION_MISMATCH: g is not covered by any authorised region of the
   * responsible organisation; NOT_SHIPPED: O has no shipment at all at or before t" (read: neither O nor anything it
   * reaches over containment was shipped by t, i.e. there is no responsible organisation).
   */
  judge(scan: ChainScan): OracleJudgement {
    const t = Date.parse(scan.at);
    // Every shortest containment path from O to each object it reaches (timeless: ended containment counts too).
    const paths = new Map<string, string[][]>([[scan.objectKey, [[scan.objectKey]]]]);
    let frontier = [scan.objectKey];
    const distance = new Map<string, number>([[scan.objectKey, 0]]);
    for (let d = 1; frontier.length; d++) {
      const next = new Set<string>();
      for (const key of frontier) {
        for (const edge of this.out.get(key) ?? []) {
          if (edge.kind !== "CONTAINED_IN") continue;
          const seen = distance.get(edge.to);
          if (seen !== undefined && seen < d) continue;
          distance.set(edge.to, d);
          const extended = (paths.get(key) ?? []).map((p) => [...p, edge.to]);
          paths.set(edge.to, [...(paths.get(edge.to) ?? []), ...extended]);
          next.add(edge.to);
        }
      }
      frontier = [...next];
    }

    let best: { at: number; distance: number } | undefined;
    let winners: { container: string; orgId: string }[] = [];
    for (const [container, d] of distance) {
      for (const shipment of this.shipmentsOf.get(container) ?? []) {
        const at = Date.parse(shipment.at);
        if (at > t) continue;
        if (!best || at > best.at || (at === best.at && d < best.distance)) {
          best = { at, distance: d };
          winners = [{ container, orgId: shipment.toOrgId }];
        } else if (at === best.at && d === best.distance) {
          winners.push({ container, orgId: shipment.toOrgId });
        }
      }
    }
    if (!best) {
      return { scan, rule: "NOT_SHIPPED", responsibleOrgId: null, authorizedRegions: [], evidence: [[scan.objectKey]] };
    }
    const orgIds = new Set(winners.map((w) => w.orgId));
    if (orgIds.size !== 1) {
      throw new Error(`oracle: scan ${scan.eventId} has equally late and near shipments to ${[...orgIds].join(", ")}`);
    }
    const orgId = winners[0]?.orgId ?? "";
    const org = this.orgs.get(orgId);
    const authorizedRegions = org?.registered ? [...org.authorizedRegions].sort() : [];
    const covered = authorizedRegions.some((r) => regionCovers(r, scan.regionCode));
    const evidence = unique(winners.flatMap((w) => (paths.get(w.container) ?? []).map((p) => [...p, orgId])));
    return { scan, rule: covered ? null : "REGION_MISMATCH", responsibleOrgId: orgId, authorizedRegions, evidence };
  }

  /** §3: "One alert per (scan event, object)": the judgement of every scan that breaks a rule. */
  alerts(): OracleJudgement[] {
    return this.chain.scans.map((scan) => this.judge(scan)).filter((j) => j.rule !== null);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique(paths: string[][]): string[][] {
  const seen = new Map<string, string[]>();
  for (const path of paths) seen.set(path.join("\n"), path);
  return [...seen.values()];
}
