import { randomUUID } from "node:crypto";
import { IdentifierError, parseIdentifier } from "../codes/index.js";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import { emptyWritePlan, type FlowEdgeRow } from "../graph/flow-model.js";
import type { LinkState, LinkWrite, TraceCodeRepository } from "../graph/trace-code.repository.js";
import type { Row } from "../graph/executor.js";
import { parseInputIdentifier } from "../registry/identifier-input.js";
import { rejectProblems, type FieldProblem } from "./field-problem.js";
import { convertLength, isLengthUnit } from "./length-units.js";
import { allocatedLength, checkSegments, type Segment } from "./segments.js";
import type { ChildCodeRequest } from "./producer-requests.js";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import type { ReadAccess } from "../access/read-access.js";
import { actorOf, actorProps, assertMakerOfCodes, assertWriteRole } from "../access/write-access.js";

/** The parent of linkCodes, as TraceObject wants it. */
export interface LinkedObject {
  key: string;
  kind: string;
  details: Record<string, unknown>;
}

export interface MassBalanceRecord {
  code: string;
  totalLength: number | null;
  unit: string | null;
  allocated: number;
  unallocated: number | null;
  segments: (Segment & { unit: string })[];
}

/** A batch's mothers against its quantity (子母码 mass balance per batch). */
export interface BatchMassBalanceRecord {
  batchId: string;
  quantity: number;
  unit: string;
  /** Null when the batch is not measured in a length unit (then mothers' lengths are not summed against it). */
  mothersLength: number | null;
  unallocated: number | null;
  mothers: number;
  mothersWithoutLength: number;
}

interface ParsedChild {
  key: string;
  field: string;
  start: number | null;
  end: number | null;
  unit: string | null;
}

/**
 * 组合多码 and 子母码: members of a bundle, or segments of a mother code, become CONTAINED_IN edges child → parent.
 * Segments may not overlap and may not run past the parent's length: `parentLength`, else the length stored by an
 * earlier link, else the parent batch's quantity when that is a length. Checked and written under the parent's lock.
 */
export class CodeLinkService {
  constructor(
    private readonly repository: TraceCodeRepository,
    private readonly readAccess: ReadAccess,
  ) {}

  async linkCodes(
    parentCode: string,
    children: readonly ChildCodeRequest[],
    parentLength: number | null,
    principal: Principal,
  ) {
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "link codes");
    const parentKey = parseInputIdentifier(parentCode, "parentCode").key;
    const parsed = parseChildren(parentKey, children, parentLength);
    const makers = await this.repository.makersOfCodes([parentKey, ...parsed.map((c) => c.key)]);
    if (principal.role !== AccessRole.ADMIN) {
      assertMakerOfCodes(principal, makers, (key) => new NotFoundError(`${key} is not a known code`, { value: key }));
    }
    // Linking packs the parent (API-CONTRACT §6: its maker originates it); the event records who linked.
    const maker = makers.get(parentKey) ?? null;
    const event = { parties: maker ? [maker] : [], originates: [parentKey], ...actorProps(actorOf(principal)) };
    await this.repository.link(
      parentKey,
      parsed.map((c) => c.key),
      (state) => {
        const decision = decideLink(parentKey, parsed, parentLength, state);
        for (const row of decision.plan.events) Object.assign(row, event);
        return decision;
      },
    );
    const parent = (await this.repository.objectByKey(parentKey)) as Row;
    return { key: parentKey, kind: String(parent.kind), details: parent } satisfies LinkedObject;
  }

  /**
   * What the mothers of a batch take of its quantity; a batch the caller cannot see (API-CONTRACT §6) is NOT_FOUND
   * like an unknown one, as massBalance answers for a mother code.
   */
  async batchMassBalance(batchId: string, principal: Principal): Promise<BatchMassBalanceRecord> {
    const id = batchId.trim();
    const found = await this.repository.batchMothers(id);
    if (!found || !(await this.readAccess.seesBatch(principal, id))) {
      throw new NotFoundError(`batch ${batchId} does not exist`, { field: "batchId", value: batchId });
    }
    const measuredInLength = isLengthUnit(found.unit);
    return {
      batchId: id,
      quantity: found.quantity,
      unit: found.unit,
      mothersLength: measuredInLength ? found.mothersLength : null,
      unallocated: measuredInLength ? found.quantity - found.mothersLength : null,
      mothers: found.mothers,
      mothersWithoutLength: found.mothers - found.measured,
    };
  }

  /** A mother code's balance; a code the caller cannot see (API-CONTRACT §6) is NOT_FOUND like an unknown one. */
  async massBalance(code: string, principal: Principal): Promise<MassBalanceRecord> {
    const key = parseInputIdentifier(code, "code").key;
    const state = await this.repository.linkState(key);
    if (!state.parent || !(await this.readAccess.seesObject(principal, key))) {
      throw new NotFoundError(`${key} is not a known code`, { field: "code", value: code });
    }
    const { length, unit } = parentMeasure(state, null, null);
    const segments = existingSegments(state, unit).map((s) => ({ ...s, unit: unit ?? "" }));
    const allocated = allocatedLength(segments);
    return {
      code: key,
      totalLength: length,
      unit,
      allocated,
      unallocated: length === null ? null : length - allocated,
      segments,
    };
  }
}

function parseChildren(parentKey: string, children: readonly ChildCodeRequest[], parentLength: number | null) {
  const problems: FieldProblem[] = [];
  if (children.length === 0) problems.push({ field: "children", rule: "non-empty", message: "names no child" });
  if (parentLength !== null && !(parentLength > 0)) {
    problems.push({ field: "parentLength", rule: "positive", message: `must be greater than 0 (got ${parentLength})` });
  }
  const seen = new Set<string>();
  const parsed: ParsedChild[] = [];
  children.forEach((child, index) => {
    const field = `children[${index}].code`;
    try {
      const key = parseIdentifier(child.code).key;
      if (key === parentKey) problems.push({ field, rule: "not the parent", message: "a code cannot contain itself" });
      else if (seen.has(key)) problems.push({ field, rule: "unique", message: `${key} is listed twice` });
      seen.add(key);
      parsed.push({
        key,
        field,
        start: child.segmentStart ?? null,
        end: child.segmentEnd ?? null,
        unit: child.unit ?? null,
      });
    } catch (error) {
      if (!(error instanceof IdentifierError)) throw error;
      problems.push({ field, rule: error.reason, message: `"${child.code}": ${error.reason}` });
    }
  });
  rejectProblems(problems);
  return parsed;
}

/** Validates a link against the locked state and says what to write; throws to roll the transaction back. */
function decideLink(
  parentKey: string,
  children: ParsedChild[],
  parentLength: number | null,
  state: LinkState,
): LinkWrite {
  const parent = state.parent;
  if (!parent) throw new NotFoundError(`${parentKey} is not a known code`, { field: "parentCode" });
  if (parent.kind !== "CONTAINER") {
    throw new BadUserInputError(`${parentKey} is a ${String(parent.kind).toLowerCase()}, not a bundle or mother code`, {
      field: "parentCode",
      rule: "container code",
    });
  }
  if (parent.codeStatus === "VOID") throw new ForbiddenError(`${parentKey} is void`, { field: "parentCode" });
  const fresh = freshChildren(parentKey, children, state);
  if (parent.codeType !== "MOTHER") {
    checkBundle(children);
    return { plan: linkPlan(parentKey, fresh, new Map(), null), length: null };
  }
  const measure = parentMeasure(state, parentLength, children[0]?.unit ?? null);
  const segments = checkMotherSegments(fresh, measure, state);
  return { plan: linkPlan(parentKey, fresh, segments, measure.unit), length: motherLength(state, measure) };
}

/**
 * The length to keep on the mother when it is first known or changes (every mother has a known length from its
 * first link on), and how much that moves the sum of its batch's mothers; the mothers of a batch never add up to
 * more than the batch's quantity (a 2,000 m batch cannot have reels of 1,000 m and 2,000 m).
 */
function motherLength(state: LinkState, measure: { length: number | null; unit: string }) {
  if (measure.length === null) return null;
  const parent = state.parent ?? {};
  const stored = typeof parent.length === "number" ? parent.length : null;
  const storedUnit = typeof parent.lengthUnit === "string" ? parent.lengthUnit : measure.unit;
  if (stored !== null && stored === measure.length && storedUnit === measure.unit) return null;
  const batchUnit = isLengthUnit(state.batchUnit) ? (state.batchUnit as string) : null;
  const inBatchUnit = (value: number, unit: string) => (batchUnit ? (convertLength(value, unit, batchUnit) ?? 0) : 0);
  const batchDelta =
    inBatchUnit(measure.length, measure.unit) - (stored === null ? 0 : inBatchUnit(stored, storedUnit));
  if (batchUnit && state.batchQuantity !== null) {
    const total = state.batchMothersLength + batchDelta;
    if (total > state.batchQuantity * (1 + 1e-9)) {
      throw new BadUserInputError(
        `parentLength: the batch's mother codes would add up to ${round(total)} ${batchUnit}, more than its quantity of ${state.batchQuantity} ${batchUnit}`,
        { field: "parentLength", rule: "mothers within batch quantity" },
      );
    }
  }
  return { value: measure.length, unit: measure.unit, batchDelta };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The link event and its edges; nothing when every child was linked already (a repeated call). */
function linkPlan(parentKey: string, fresh: ParsedChild[], segments: Map<string, Segment>, unit: string | null) {
  if (fresh.length === 0) return emptyWritePlan();
  const eventId = `native:link:${randomUUID()}`;
  const at = new Date().toISOString();
  const plan = emptyWritePlan();
  plan.events.push({
    eventId,
    type: "NativeCodeLink",
    eventTime: at,
    recordTime: at,
    action: "ADD",
    bizStep: "packing",
    objectKeys: [parentKey, ...fresh.map((c) => c.key)],
    document: JSON.stringify({ parent: parentKey, children: fresh.map((c) => c.key) }),
    hashedId: false,
  });
  plan.edges.push(...fresh.map((child) => edge(child, parentKey, eventId, at, segments.get(child.key), unit)));
  return plan;
}

/** Children not yet in this parent; unknown children are NOT_FOUND, children of another parent a CONFLICT. */
function freshChildren(parentKey: string, children: ParsedChild[], state: LinkState): ParsedChild[] {
  const byKey = new Map(state.children.map((c) => [c.key, c]));
  const containers = new Set(state.containers);
  const linked = new Map(state.segments.map((s) => [s.code, s]));
  return children.filter((child) => {
    const found = byKey.get(child.key);
    if (!found?.known) throw new NotFoundError(`${child.key} is not a known code`, { field: child.field });
    if (containers.has(child.key)) {
      throw new BadUserInputError(`${parentKey} is inside ${child.key}: linking it would close a cycle`, {
        field: child.field,
        rule: "no cycle",
      });
    }
    const others = found.parents.filter((p) => p !== parentKey);
    if (others.length > 0) {
      throw new ConflictError(`${child.key} is in ${others.join(", ")} already`, { field: child.field });
    }
    const existing = linked.get(child.key);
    if (existing && (existing.start !== child.start || existing.end !== child.end)) {
      throw new ConflictError(`${child.key} is linked to this parent with another range`, { field: child.field });
    }
    return !existing;
  });
}

function checkBundle(children: ParsedChild[]): Map<string, Segment> {
  const ranged = children.find((c) => c.start !== null || c.end !== null);
  if (ranged) {
    throw new BadUserInputError("segments belong to mother codes (子母码), not bundles", {
      field: ranged.field.replace(/\.code$/, ".segmentStart"),
      rule: "segments only for mother codes",
    });
  }
  return new Map();
}

function checkMotherSegments(
  fresh: ParsedChild[],
  measure: { length: number | null; unit: string },
  state: LinkState,
): Map<string, Segment> {
  const problems: FieldProblem[] = [];
  if (measure.length === null) {
    problems.push({
      field: "parentLength",
      rule: "parent length unknown",
      message: "give parentLength: the parent's batch is not measured in a length unit",
    });
  }
  const added = fresh.map((child) => toSegment(child, measure.unit, problems));
  rejectProblems(problems);
  const fieldOf = (index: number) => fresh[index]?.field.replace(/\.code$/, "") ?? "children";
  rejectProblems(checkSegments(existingSegments(state, measure.unit), added, measure.length, fieldOf));
  return new Map(added.map((s) => [s.code, s]));
}

function toSegment(child: ParsedChild, unit: string, problems: FieldProblem[]): Segment {
  const field = child.field.replace(/\.code$/, "");
  if (child.start === null || child.end === null) {
    problems.push({
      field,
      rule: "segment required",
      message: "a child of a mother code needs segmentStart and segmentEnd",
    });
    return { code: child.key, start: 0, end: 0 };
  }
  const from = child.unit ?? unit;
  const factor = from === unit ? 1 : convertLength(1, from, unit);
  if (factor === undefined) {
    problems.push({ field: `${field}.unit`, rule: "length unit", message: `cannot convert ${from} to ${unit}` });
    return { code: child.key, start: child.start, end: child.end };
  }
  return { code: child.key, start: child.start * factor, end: child.end * factor };
}

/** The parent's length and unit: as given, as stored by an earlier link, or its batch's quantity in a length unit. */
function parentMeasure(state: LinkState, parentLength: number | null, childUnit: string | null) {
  const parent = state.parent ?? {};
  const batchUnit = isLengthUnit(state.batchUnit) ? state.batchUnit : null;
  const storedUnit = typeof parent.lengthUnit === "string" ? parent.lengthUnit : null;
  const unit = storedUnit ?? batchUnit ?? childUnit ?? "m";
  const stored = typeof parent.length === "number" ? parent.length : null;
  const fromBatch =
    batchUnit && state.batchQuantity !== null ? convertLength(state.batchQuantity, batchUnit, unit) : null;
  return { length: parentLength ?? stored ?? fromBatch ?? null, unit };
}

function existingSegments(state: LinkState, unit: string | null): Segment[] {
  return state.segments
    .filter((s) => s.start !== null && s.end !== null)
    .map((s) => {
      const factor = s.unit && unit ? (convertLength(1, s.unit, unit) ?? 1) : 1;
      return { code: s.code, start: (s.start ?? 0) * factor, end: (s.end ?? 0) * factor };
    });
}

function edge(
  child: ParsedChild,
  parentKey: string,
  eventId: string,
  at: string,
  segment: Segment | undefined,
  unit: string | null,
): FlowEdgeRow {
  const row: FlowEdgeRow = { kind: "CONTAINED_IN", from: child.key, to: parentKey, eventId, at };
  if (segment) Object.assign(row, { segmentStart: segment.start, segmentEnd: segment.end, ...(unit ? { unit } : {}) });
  return row;
}
