import { generateTraceCode, gs1CheckDigit, issuerPrefix, lotKey } from "../../src/codes/index.js";
import { emptyWritePlan, type ObjectKind, type ObjectEdgeKind, type WritePlan } from "../../src/graph/flow-model.js";

/** A valid GTIN-14 unique to a test run (company prefix 690 + random digits). */
export function testGtin(): string {
  const body = `0690${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
  return body + gs1CheckDigit(body);
}

/** Builds WritePlans for integration tests in a few readable lines; keys are real canonical keys. */
export class PlanBuilder {
  readonly plan: WritePlan = emptyWritePlan();
  private counter = 0;
  private readonly issuer = issuerPrefix(`uscc:test-${Math.random()}`);

  constructor(private readonly suffix: string) {}

  item(): string {
    return this.object(generateTraceCode("ITEM", this.issuer), "ITEM");
  }

  container(): string {
    return this.object(generateTraceCode("BUNDLE", this.issuer), "CONTAINER");
  }

  lot(gtin = testGtin()): string {
    return this.object(lotKey(gtin, `L${this.suffix}${this.counter++}`), "LOT");
  }

  object(key: string, kind: ObjectKind): string {
    this.plan.objects.push({ key, kind });
    return key;
  }

  edge(kind: ObjectEdgeKind, from: string, to: string, at = "2026-01-01T00:00:00Z", quantityLevel = false): this {
    this.plan.edges.push({ kind, from, to, at, eventId: this.eventId(), quantityLevel });
    return this;
  }

  ship(objectKey: string, toOrgId: string, at: string, fromOrgId?: string): this {
    this.plan.shipments.push({ objectKey, toOrgId, at, eventId: this.eventId(), ...(fromOrgId ? { fromOrgId } : {}) });
    if (!this.plan.organizationIds.includes(toOrgId)) this.plan.organizationIds.push(toOrgId);
    return this;
  }

  scan(objectKey: string, regionCode: string, at: string): string {
    const eventId = this.eventId();
    this.plan.scans.push({ eventId, objectKey, regionCode, at, bizStep: "retail_selling" });
    return `${eventId}|${objectKey}`;
  }

  private eventId(): string {
    return `test:${this.suffix}:${this.counter++}`;
  }
}
