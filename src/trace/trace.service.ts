import { BadUserInputError } from "../errors/app-errors.js";
export type { ObjectRecord };
import { parseInputIdentifier } from "../registry/identifier-input.js";
import type { ObjectRecord, TraceRepository } from "../graph/trace.repository.js";
import { MAX_DEPTH, type Direction } from "../graph/trace.queries.js";
import { assembleTraceGraph } from "./trace-graph.js";
import { groupTrace, ungrouped, type GroupedTraceRecord } from "./trace-clusters.js";
import { isObjectKind, type ObjectKind } from "./flow-kinds.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import type { ReadAccess } from "../access/read-access.js";

export interface TraceRequest {
  code: string;
  maxDepth: number;
  limit: number;
  asOf?: Date | null;
  /** Group a parent's children by one edge kind into a cluster when there are more than this (1-100000). */
  groupAbove?: number | null;
  /** Cluster ids (`parent|edgeKind`) to leave open. */
  expand?: string[] | null;
}

/** Clusters a caller may ask to open in one request. */
export const MAX_EXPAND = 1000;

export const MAX_LIMIT = 100_000;

/** An object as resolveCode answers it. */
export interface ResolvedObject {
  key: string;
  kind: ObjectKind;
  details: Record<string, unknown>;
}

/** 来源可查、去向可追: upstream and downstream traces from any accepted spelling of an identifier. */
export class TraceService {
  constructor(
    private readonly repository: TraceRepository,
    private readonly readAccess: ReadAccess,
  ) {}

  /** Objects by canonical key, in the order asked, null where unknown (the per-request loader's batch). */
  async objectsByKeys(keys: readonly string[]): Promise<(ObjectRecord | null)[]> {
    return this.repository.objectsByKeys(keys);
  }

  /** resolveCode: the object under any spelling, or null when unknown or (API-CONTRACT §6) invisible to the caller. */
  async resolve(code: string, principal: Principal): Promise<ResolvedObject | null> {
    const key = parseInputIdentifier(code, "code").key;
    const [found] = await this.repository.objectsByKeys([key]);
    if (!found || !isObjectKind(found.kind)) return null;
    if (!(await this.readAccess.seesObject(principal, key))) return null;
    return { key: found.key, kind: found.kind, details: found.properties };
  }

  async trace(direction: Direction, args: TraceRequest, principal: Principal): Promise<GroupedTraceRecord> {
    if (!Number.isInteger(args.maxDepth) || args.maxDepth < 0 || args.maxDepth > MAX_DEPTH) {
      throw new BadUserInputError(`maxDepth must be from 0 to ${MAX_DEPTH}`, { field: "maxDepth", rule: "range" });
    }
    if (!Number.isInteger(args.limit) || args.limit < 1 || args.limit > MAX_LIMIT) {
      throw new BadUserInputError(`limit must be from 1 to ${MAX_LIMIT}`, { field: "limit", rule: "range" });
    }
    checkGrouping(args);
    const key = parseInputIdentifier(args.code, "code").key;
    const { rows, edges } = await this.repository.trace({
      key,
      direction,
      maxDepth: args.maxDepth,
      limit: args.limit,
      ...(args.asOf ? { asOf: args.asOf.toISOString() } : {}),
      ...scopeOption(principal),
    });
    const graph = assembleTraceGraph(key, direction, rows, edges, args.limit);
    if (args.groupAbove === undefined || args.groupAbove === null) return ungrouped(graph);
    return groupTrace(graph, { direction, groupAbove: args.groupAbove, expand: new Set(args.expand ?? []) });
  }
}

function checkGrouping(args: TraceRequest): void {
  const { groupAbove, expand } = args;
  if (groupAbove !== undefined && groupAbove !== null) {
    if (!Number.isInteger(groupAbove) || groupAbove < 1 || groupAbove > MAX_LIMIT) {
      throw new BadUserInputError(`groupAbove must be from 1 to ${MAX_LIMIT}`, { field: "groupAbove", rule: "range" });
    }
  }
  if (expand && expand.length > MAX_EXPAND) {
    throw new BadUserInputError(`expand names at most ${MAX_EXPAND} clusters`, { field: "expand", rule: "range" });
  }
}

function scopeOption(principal: Principal): { scope?: string } {
  const scope = readScope(principal);
  return scope === undefined ? {} : { scope };
}
