import { type IdentifierKind } from "../codes/index.js";
import {
  type ContainmentEndRow,
  type ErrorDeclarationRow,
  type EventRow,
  type FlowEdgeRow,
  OBJECT_KINDS,
  emptyWritePlan,
  type ObjectKind,
  type ObjectRow,
  type ScanRow,
  type ShipmentRow,
  type WritePlan,
} from "../graph/flow-model.js";

/** One object end of an edge or row: its canonical key and, for objects, their kind. */
export interface PlanObject {
  key: string;
  kind: ObjectKind;
  /** A class (product or lot) rather than one instance: edges to it are quantity-level. */
  isClass: boolean;
}

export function isObjectKind(kind: IdentifierKind | undefined): kind is ObjectKind {
  return (OBJECT_KINDS as readonly string[]).includes(kind ?? "");
}

/** Collects rows, keeping the first of any duplicate object, organisation, location or edge. */
export class PlanBuilder {
  private readonly objects = new Map<string, ObjectRow>();
  private readonly organizations = new Set<string>();
  private readonly locations = new Set<string>();
  private readonly edgeKeys = new Set<string>();
  private readonly plan: WritePlan = emptyWritePlan();

  object(object: PlanObject): void {
    if (!this.objects.has(object.key)) this.objects.set(object.key, { key: object.key, kind: object.kind });
  }

  organization(id: string): void {
    this.organizations.add(id);
  }

  location(id: string): void {
    this.locations.add(id);
  }

  event(row: EventRow): void {
    this.plan.events.push(row);
  }

  edge(row: FlowEdgeRow): void {
    const key = `${row.kind}|${row.from}|${row.to}|${row.eventId}`;
    if (row.from === row.to || this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.plan.edges.push(row);
  }

  containmentEnd(row: ContainmentEndRow): void {
    this.plan.containmentEnds.push(row);
  }

  shipment(row: ShipmentRow): void {
    this.plan.shipments.push(row);
  }

  scan(row: ScanRow): void {
    this.plan.scans.push(row);
  }

  errorDeclaration(row: ErrorDeclarationRow): void {
    this.plan.errorDeclarations.push(row);
  }

  build(): WritePlan {
    return {
      ...this.plan,
      objects: [...this.objects.values()],
      organizationIds: [...this.organizations],
      locationIds: [...this.locations],
    };
  }
}
