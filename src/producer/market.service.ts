import { assertNotInFuture } from "./not-in-future.js";
import { randomUUID } from "node:crypto";
import { IdentifierError, parseIdentifier, type ParsedIdentifier } from "../codes/index.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import type { Row } from "../graph/executor.js";
import { emptyWritePlan, type ObjectKind, type WritePlan } from "../graph/flow-model.js";
import type { ProducerRepository } from "../graph/producer.repository.js";
import { toOrganization, type OrganizationRecord } from "../graph/organization.repository.js";
import type { ObjectState, ScanWrite, TraceCodeRepository } from "../graph/trace-code.repository.js";
import { canonicalOrganizationId, parseInputIdentifier, requireRegionCode } from "../registry/identifier-input.js";
import { rejectProblems, type FieldProblem } from "./field-problem.js";
import { ScanRole } from "./producer-enums.js";
import type { ScanRequest, ShipmentRequest } from "./producer-requests.js";
import { AlertState } from "../diversion/alert-state.js";
import type { DiversionRule } from "../diversion/diversion-rule.js";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import { actorOf, actorProps, actsFor, assertWriteRole, type Actor } from "../access/write-access.js";

export interface ShipmentRecord {
  id: string;
  eventId: string;
  codes: string[];
  fromOrganizationId: string;
  toOrganizationId: string;
  shippedAt: Date;
  duplicate: boolean;
}

/** A stored alert as DiversionAlert wants it; the resolver adds the responsible organisation. */
export interface ScanAlert {
  id: string;
  rule: DiversionRule;
  objectKey: string;
  scanRegion: string;
  scannedAt: Date;
  eventId: string | null;
  responsibleOrgId: string | null;
  /** The responsible organisation as stored, when the repository read it with the alert. */
  responsibleOrganization?: OrganizationRecord | null;
  authorizedRegions: string[];
  evidence: string[];
  state: AlertState;
  history: { state: AlertState; at: Date; actor: string | null; actorOrganizationId: string | null; note: string }[];
}

export interface ScanRecord {
  eventId: string;
  objectKey: string;
  alerts: ScanAlert[];
  voidCode: boolean;
  warnings: string[];
  duplicate: boolean;
}

/** CBV bizStep of a native scan: sellers' and consumers' scans are at the point of sale, the rest are checks. */
const BIZ_STEP: Readonly<Record<ScanRole, string>> = {
  [ScanRole.CONSUMER]: "retail_selling",
  [ScanRole.RETAILER]: "retail_selling",
  [ScanRole.INSPECTOR]: "inspecting",
  [ScanRole.LOGISTICS]: "inspecting",
};

const OBJECT_KINDS = new Set(["PRODUCT", "LOT", "ITEM", "CONTAINER", "CODE"]);
const OPEN_BATCH = new Set(["DRAFT", "CODED"]);

/**
 * Shipments and market scans of native codes (and of GS1 objects): written through the flow writer, so a scan is
 * judged for diversion (防窜, contract §3) in the same transaction and its alerts come back with it.
 */
export class MarketService {
  constructor(
    private readonly producers: ProducerRepository,
    private readonly codes: TraceCodeRepository,
  ) {}

  async recordShipment(input: ShipmentRequest, principal: Principal): Promise<ShipmentRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER, AccessRole.PARTNER], "record shipments");
    assertNotInFuture(input.shippedAt, "input.shippedAt");
    const ids = parseObjects(input.codes);
    const from = await this.registeredOrg(input.fromOrganizationId, "input.fromOrganizationId");
    // A party records the shipments it sends, never another's (the operator records any).
    if (!actsFor(principal, from)) {
      throw new ForbiddenError("a shipment is recorded by its sender", {
        field: "input.fromOrganizationId",
        rule: "own shipments",
      });
    }
    const to = await this.registeredOrg(input.toOrganizationId, "input.toOrganizationId");
    if (from === to) {
      throw new BadUserInputError("a shipment goes to another organisation", { field: "input.toOrganizationId" });
    }
    const id = input.shipmentId?.trim() || randomUUID();
    const eventId = `native:shipment:${id}`;
    const previous = await this.codes.eventDocument(eventId);
    if (previous) return { ...shipmentFromDocument(previous), duplicate: true };
    const states = await this.codes.objectStates(ids.map((p) => p.key));
    checkShippable(ids, states);
    const shipment: ShipmentRecord = {
      id,
      eventId,
      codes: ids.map((p) => p.key),
      fromOrganizationId: from,
      toOrganizationId: to,
      shippedAt: input.shippedAt,
      duplicate: false,
    };
    const outcome = await this.codes.write(shipmentPlan(shipment, ids, states, actorOf(principal)), "market.shipment");
    return { ...shipment, duplicate: outcome.duplicates.includes(eventId) };
  }

  async recordScan(input: ScanRequest, principal: Principal): Promise<ScanRecord> {
    assertWriteRole(principal, [AccessRole.PARTNER], "record market scans");
    assertNotInFuture(input.scannedAt, "input.scannedAt");
    const parsed = parseInputIdentifier(input.code, "input.code");
    if (!OBJECT_KINDS.has(parsed.kind)) {
      throw new BadUserInputError(`${parsed.key} is not a traceable object`, { field: "input.code", rule: "object" });
    }
    const regionCode = requireRegionCode(input.regionCode, "input.regionCode");
    const eventId = `native:scan:${input.scanId?.trim() || randomUUID()}`;
    const { state, duplicate, alert, organization } = await this.codes.recordScan(
      scanWrite(eventId, parsed, regionCode, input, actorOf(principal)),
    );
    // Our own codes must have been issued; the statement wrote nothing for an unknown one.
    if (!state.known && parsed.scheme === "trace-code") {
      throw new NotFoundError(`${parsed.key} was never issued`, { field: "input.code", value: input.code });
    }
    const voidCode = state.codeStatus === "VOID";
    return {
      eventId,
      objectKey: parsed.key,
      alerts: alert ? [toAlert(alert, organization)] : [],
      voidCode,
      warnings: scanWarnings(parsed.key, state, voidCode),
      duplicate,
    };
  }

  private async registeredOrg(value: string, field: string): Promise<string> {
    const id = canonicalOrganizationId(value, field);
    const org = await this.producers.organization(id);
    if (!org.registered) throw new NotFoundError(`organisation ${id} is not registered`, { field, value });
    // Named by a further identifier (a GLN): the organisation's own id, as its credentials carry it.
    return org.id;
  }
}

/** A shipment as first recorded: a repeated shipment id answers with it and writes nothing. */
function shipmentFromDocument(document: Record<string, unknown>): ShipmentRecord {
  return {
    id: String(document.id),
    eventId: String(document.eventId),
    codes: (document.codes as string[] | undefined) ?? [],
    fromOrganizationId: String(document.fromOrganizationId),
    toOrganizationId: String(document.toOrganizationId),
    shippedAt: new Date(String(document.shippedAt)),
    duplicate: true,
  };
}

function parseObjects(values: readonly string[]): ParsedIdentifier[] {
  const problems: FieldProblem[] = [];
  const byKey = new Map<string, ParsedIdentifier>();
  values.forEach((value, index) => {
    const field = `input.codes[${index}]`;
    try {
      const parsed = parseIdentifier(value);
      if (OBJECT_KINDS.has(parsed.kind)) byKey.set(parsed.key, parsed);
      else problems.push({ field, rule: "object", message: `"${value}" names a ${parsed.kind.toLowerCase()}` });
    } catch (error) {
      if (!(error instanceof IdentifierError)) throw error;
      problems.push({ field, rule: error.reason, message: `"${value}": ${error.reason}` });
    }
  });
  rejectProblems(problems);
  return [...byKey.values()];
}

/** Our own codes must have been issued, be valid and belong to a released batch (出厂 before shipping). */
function checkShippable(ids: readonly ParsedIdentifier[], states: readonly ObjectState[]): void {
  const stateOf = new Map(states.map((s) => [s.key, s]));
  for (const id of ids) {
    const state = stateOf.get(id.key);
    if (!state?.known && id.scheme === "trace-code") {
      throw new NotFoundError(`${id.key} was never issued`, { field: "input.codes", value: id.key });
    }
    if (state?.codeStatus === "VOID") {
      throw new ForbiddenError(`${id.key} is void and cannot be shipped`, { field: "input.codes", value: id.key });
    }
    if (state?.batchStatus && OPEN_BATCH.has(state.batchStatus)) {
      throw new ForbiddenError(`batch ${state.batchId} is not released (出厂) yet: release it before shipping`, {
        field: "input.codes",
        value: id.key,
        rule: "release before shipment",
      });
    }
  }
}

function shipmentPlan(
  shipment: ShipmentRecord,
  ids: readonly ParsedIdentifier[],
  states: readonly ObjectState[],
  actor: Actor,
) {
  const plan = emptyWritePlan();
  const at = shipment.shippedAt.toISOString();
  plan.events.push({
    eventId: shipment.eventId,
    type: "NativeShipment",
    eventTime: at,
    recordTime: new Date().toISOString(),
    action: "OBSERVE",
    bizStep: "shipping",
    objectKeys: shipment.codes,
    document: JSON.stringify({ ...shipment, duplicate: undefined }),
    hashedId: false,
    sourceParties: [shipment.fromOrganizationId],
    destinationParties: [shipment.toOrganizationId],
    ...actorProps(actor),
  });
  addUnknownObjects(plan, ids, states);
  for (const key of shipment.codes) {
    plan.shipments.push({
      objectKey: key,
      toOrgId: shipment.toOrganizationId,
      fromOrgId: shipment.fromOrganizationId,
      eventId: shipment.eventId,
      at,
    });
  }
  return plan;
}

/** RECORD_SCAN's parameters for a scan; GS1 objects named for the first time join the graph, our codes never do. */
function scanWrite(
  eventId: string,
  parsed: ParsedIdentifier,
  regionCode: string,
  input: ScanRequest,
  actor: Actor,
): ScanWrite {
  const at = input.scannedAt.toISOString();
  const bizStep = BIZ_STEP[input.role];
  return {
    event: {
      eventId,
      eventTime: at,
      recordTime: new Date().toISOString(),
      props: {
        type: "NativeScan",
        action: "OBSERVE",
        bizStep,
        objectKeys: [parsed.key],
        document: JSON.stringify({ code: parsed.key, regionCode, scannedAt: at, role: input.role }),
        hashedId: false,
        ...actorProps(actor),
      },
    },
    scan: { id: `${eventId}|${parsed.key}`, eventId, objectKey: parsed.key, at, bizStep, role: input.role, regionCode },
    objectKind: parsed.scheme === "trace-code" ? null : (parsed.kind as ObjectKind),
  };
}

/** GS1 objects named for the first time (e.g. a supplier's lot) join the graph as objects of their kind. */
function addUnknownObjects(plan: WritePlan, ids: readonly ParsedIdentifier[], states: readonly ObjectState[]) {
  const known = new Set(states.filter((s) => s.known).map((s) => s.key));
  for (const id of ids) if (!known.has(id.key)) plan.objects.push({ key: id.key, kind: id.kind as ObjectKind });
}

function scanWarnings(key: string, state: ObjectState | undefined, voidCode: boolean): string[] {
  const warnings: string[] = [];
  if (voidCode) warnings.push(`${key} was voided: the goods may be counterfeit or withdrawn`);
  if (state?.batchStatus === "RECALLED") warnings.push(`batch ${state.batchId} is recalled`);
  if (state?.batchStatus && OPEN_BATCH.has(state.batchStatus)) {
    warnings.push(`batch ${state.batchId} has not been released (出厂) yet`);
  }
  return warnings;
}

function toAlert(row: Row, organization: Row | null): ScanAlert {
  return {
    id: String(row.id),
    rule: row.rule as DiversionRule,
    objectKey: String(row.objectKey),
    scanRegion: String(row.scanRegion),
    scannedAt: new Date(String(row.scannedAt)),
    eventId: (row.eventId as string | null) ?? null,
    responsibleOrgId: (row.responsibleOrgId as string | null) ?? null,
    responsibleOrganization: organization ? toOrganization(organization) : null,
    authorizedRegions: (row.authorizedRegions as string[] | null) ?? [],
    evidence: (row.evidence as string[] | null) ?? [],
    state: ((row.state as string | null) ?? AlertState.OPEN) as AlertState,
    history: ((row.history as Row[] | null) ?? []).map((step) => ({
      state: step.state as AlertState,
      at: new Date(String(step.at)),
      actor: (step.actor as string | null) ?? null,
      actorOrganizationId: (step.actorOrganizationId as string | null) ?? null,
      note: String(step.note ?? ""),
    })),
  };
}
