import { OPERATOR } from "../../../src/access/principal.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { testServices } from "../../support/test-services.js";
import { OrgRole } from "../../../src/registry/org-role.js";

export { randomGtin13, randomUscc } from "../../support/random-identifiers.js";

export interface ChainOrgs {
  maker: string;
  supplier: string;
  gdDistributor: string;
  hnDistributor: string;
  szRetailer: string;
}

/** A manufacturer, a supplier and distributors / a retailer with their authorised regions, all fresh. */
export async function registerChain(suffix: string): Promise<ChainOrgs> {
  const services = await testServices();
  const orgs: ChainOrgs = {
    maker: randomUscc("441900"),
    supplier: randomUscc("360600"),
    gdDistributor: randomUscc("440101"),
    hnDistributor: randomUscc("430102"),
    szRetailer: randomUscc("440305"),
  };
  const register = (id: string, name: string, roles: OrgRole[], regionCode: string, authorizedRegions: string[]) =>
    services.organizationService.upsertOrganization(
      {
        id,
        name: `${name} ${suffix}`,
        roles,
        regionCode,
        authorizedRegions,
      },
      OPERATOR,
    );
  await register(orgs.maker, "粤缆电线电缆", [OrgRole.MANUFACTURER], "441900", ["441900"]);
  await register(orgs.supplier, "江铜铜材", [OrgRole.SUPPLIER], "360600", []);
  await register(orgs.gdDistributor, "南粤机电", [OrgRole.DISTRIBUTOR], "440101", ["440000"]);
  await register(orgs.hnDistributor, "湘江五金", [OrgRole.DISTRIBUTOR], "430102", ["430000"]);
  await register(orgs.szRetailer, "鹏城五金", [OrgRole.RETAILER], "440305", ["440305"]);
  return orgs;
}

/** Changes one symbol of a trace code so its check character no longer fits. */
export function typo(code: string): string {
  const index = 7;
  const replacement = code.charAt(index) === "7" ? "8" : "7";
  return code.slice(0, index) + replacement + code.slice(index + 1);
}

export const PRODUCT_FIELDS = "id key manufacturerId name brand model category traceMode gtin standardNo";
export const BATCH_FIELDS = `id key status productId batchNo productionDate quantity unit inspectionResult licenceNo
  cccCertNo extended components codeCount firstCodeIssuedAt releasedAt
  revisions { id at reason actor actorOrganizationId note changes correction auditRequired afterCodeIssuance }`;

export const REGISTER_PRODUCT = `mutation($input: ProductInput!) { registerProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
export const CREATE_BATCH = `mutation($input: BatchInput!) { createBatch(input: $input) { ${BATCH_FIELDS} } }`;
export const ISSUE_CODES = `mutation($input: IssueCodesInput!, $first: Int) {
  issueCodes(input: $input) {
    issueId issued job { id status total done error }
    codes(first: $first) { edges { cursor node { value url mode status codeType batchId productId } } pageInfo { hasNextPage endCursor } }
  }
}`;
export const UPDATE_INFO = `mutation($batchId: ID!, $extended: JSONObject!, $reason: String!, $note: String) {
  updateBatchInfo(batchId: $batchId, extended: $extended, reason: $reason, note: $note) { ${BATCH_FIELDS} }
}`;
export const RELEASE = `mutation($batchId: ID!) { releaseBatch(batchId: $batchId) { ${BATCH_FIELDS} } }`;
export const CORRECT = `mutation($batchId: ID!, $extended: JSONObject!, $reason: String!) {
  correctReleasedBatch(batchId: $batchId, extended: $extended, reason: $reason) { ${BATCH_FIELDS} }
}`;
export const SHIP = `mutation($input: ShipmentInput!) {
  recordShipment(input: $input) { id eventId codes fromOrganizationId toOrganizationId shippedAt duplicate }
}`;
export const SCAN = `mutation($input: ScanInput!) {
  recordScan(input: $input) {
    eventId objectKey voidCode warnings duplicate
    alerts { rule objectKey scanRegion scannedAt evidence authorizedRegions responsibleOrganization { id } }
  }
}`;
export const LINK = `mutation($parent: String!, $children: [ChildCodeInput!]!, $parentLength: Float) {
  linkCodes(parentCode: $parent, children: $children, parentLength: $parentLength) { key kind }
}`;
export const TRACE = `query($code: String!) {
  up: upstream(code: $code) { root nodes { key kind depth } edges { from to kind } }
  down: downstream(code: $code) { root nodes { key kind depth } edges { from to kind } }
}`;

export interface ProductData {
  id: string;
  key: string;
  manufacturerId: string;
  traceMode: string;
  gtin: string | null;
}
export interface RevisionData {
  id: string;
  reason: string;
  actor: string | null;
  actorOrganizationId: string | null;
  note: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  correction: boolean;
  auditRequired: boolean;
  afterCodeIssuance: boolean;
}
export interface BatchData {
  id: string;
  key: string;
  status: string;
  codeCount: number;
  components: string[];
  extended: Record<string, unknown>;
  firstCodeIssuedAt: string | null;
  releasedAt: string | null;
  revisions: RevisionData[];
}
export interface CodeNode {
  value: string;
  url: string;
  mode: string;
  status: string;
  codeType: string;
  batchId: string | null;
  productId: string | null;
}
export interface IssueData {
  issueId: string;
  issued: number;
  job: { id: string; status: string; total: number; done: number; error: string | null } | null;
  codes: { edges: { cursor: string; node: CodeNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
export interface ScanData {
  eventId: string;
  objectKey: string;
  voidCode: boolean;
  warnings: string[];
  duplicate: boolean;
  alerts: {
    rule: string;
    objectKey: string;
    scanRegion: string;
    evidence: string[];
    authorizedRegions: string[];
    responsibleOrganization: { id: string } | null;
  }[];
}
export interface TraceData {
  up: {
    root: string;
    nodes: { key: string; kind: string; depth: number }[];
    edges: { from: string; to: string; kind: string }[];
  };
  down: {
    root: string;
    nodes: { key: string; kind: string; depth: number }[];
    edges: { from: string; to: string; kind: string }[];
  };
}

/** A cable product's basic info for `maker` (电线电缆 needs licence and CCC). */
export function cableProduct(maker: string, traceMode: string, extra: Record<string, unknown> = {}) {
  return {
    manufacturerId: maker,
    name: "聚氯乙烯绝缘电缆",
    brand: "粤缆",
    model: "BV 450/750V 2.5mm²",
    category: "电线电缆",
    traceMode,
    standardNo: "GB/T 5023.3-2008",
    ...extra,
  };
}

export function cableBatch(productId: string, batchNo: string, extra: Record<string, unknown> = {}) {
  return {
    productId,
    batchNo,
    productionDate: "2026-01-15",
    quantity: 5000,
    unit: "m",
    inspectionResult: "合格",
    licenceNo: "XK06-001-00123",
    cccCertNo: "2020010105123456",
    ...extra,
  };
}
