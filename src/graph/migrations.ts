import type { Executor } from "./executor.js";
import * as Q from "./migration.queries.js";
import { SEE_ALERT, SEE_EVENT } from "./viewers.queries.js";
import { flowEdgeViewers, shipmentViewers } from "./visibility-cypher.js";

/**
 * Ordered schema migrations. Each statement is idempotent (IF NOT EXISTS), and every applied version is recorded as a
 * (:Migration) node, so running them at every start and in every test run is safe and cheap.
 * Append new versions; never edit an applied one. The schema statements stay here, as the migrations' data; the
 * runner's own statements (record a version, await the indexes, read the applied version) are builders in
 * migration.queries.ts like every other statement.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
  /**
   * Data statements run once, when the version is first applied, after its schema statements: each in an auto-commit
   * transaction, so a large store is brought up to date in batches (`CALL { ... } IN TRANSACTIONS`). Idempotent, so
   * a start that dies half-way simply runs them again.
   */
  backfill?: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "unique canonical keys and identities",
    statements: [
      "CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE",
      "CREATE CONSTRAINT obj_key IF NOT EXISTS FOR (o:Obj) REQUIRE o.key IS UNIQUE",
      // (A unique Code.value stood here until version 16: a code's value is its Obj.key, unique already.)
      "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (o:Organization) REQUIRE o.id IS UNIQUE",
      "CREATE CONSTRAINT location_id IF NOT EXISTS FOR (l:Location) REQUIRE l.id IS UNIQUE",
      "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.eventId IS UNIQUE",
      "CREATE CONSTRAINT product_id IF NOT EXISTS FOR (p:Product) REQUIRE p.id IS UNIQUE",
      "CREATE CONSTRAINT batch_id IF NOT EXISTS FOR (b:Batch) REQUIRE b.id IS UNIQUE",
      "CREATE CONSTRAINT scan_id IF NOT EXISTS FOR (s:Scan) REQUIRE s.id IS UNIQUE",
      "CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (a:Alert) REQUIRE a.id IS UNIQUE",
      "CREATE CONSTRAINT revision_id IF NOT EXISTS FOR (r:Revision) REQUIRE r.id IS UNIQUE",
      "CREATE CONSTRAINT job_id IF NOT EXISTS FOR (j:Job) REQUIRE j.id IS UNIQUE",
    ],
  },
  {
    version: 2,
    name: "lookup indexes for events, scans and alerts",
    statements: [
      "CREATE INDEX event_time IF NOT EXISTS FOR (e:Event) ON (e.eventTime)",
      "CREATE INDEX event_bizstep IF NOT EXISTS FOR (e:Event) ON (e.bizStep)",
      "CREATE INDEX event_transformation IF NOT EXISTS FOR (e:Event) ON (e.transformationId)",
      "CREATE INDEX alert_scanned_at IF NOT EXISTS FOR (a:Alert) ON (a.scannedAt)",
      "CREATE INDEX scan_object IF NOT EXISTS FOR (s:Scan) ON (s.objectKey)",
      "CREATE INDEX batch_product IF NOT EXISTS FOR (b:Batch) ON (b.productId)",
      // (An index on Code.batchId stood here until version 16: (batchId, value) of version 3 serves it.)
      "CREATE INDEX shipped_event IF NOT EXISTS FOR ()-[r:SHIPPED_TO]-() ON (r.eventId)",
    ],
  },
  {
    version: 3,
    name: "producer's flow: codes by issuance, products by manufacturer, audit log",
    statements: [
      // (issueId, value) and (batchId, value) serve keyset pages in value order without sorting a whole issuance.
      "CREATE INDEX code_issue IF NOT EXISTS FOR (c:Code) ON (c.issueId, c.value)",
      "CREATE INDEX code_batch_value IF NOT EXISTS FOR (c:Code) ON (c.batchId, c.value)",
      "CREATE INDEX product_manufacturer IF NOT EXISTS FOR (p:Product) ON (p.manufacturerId)",
      "CREATE INDEX batch_manufacturer IF NOT EXISTS FOR (b:Batch) ON (b.manufacturerId)",
      "CREATE INDEX revision_at IF NOT EXISTS FOR (r:Revision) ON (r.at)",
      "CREATE INDEX revision_batch IF NOT EXISTS FOR (r:Revision) ON (r.batchId)",
      "CREATE INDEX revision_manufacturer IF NOT EXISTS FOR (r:Revision) ON (r.manufacturerId)",
    ],
  },
  {
    version: 4,
    name: "scans by time, for analytics windows",
    statements: [
      // Diversion analytics count the judged scans of a window: a range seek here instead of a scan of every scan.
      "CREATE INDEX scan_at IF NOT EXISTS FOR (s:Scan) ON (s.at)",
    ],
  },
  {
    version: 5,
    name: "API keys: one node per key id, listed by organisation",
    statements: [
      // Authentication looks a key up by the id it carries; the constraint is also the index that lookup uses.
      "CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE",
      "CREATE INDEX api_key_organization IF NOT EXISTS FOR (k:ApiKey) ON (k.organizationId)",
    ],
  },
  {
    version: 6,
    name: "flow edges by their event, for a party's list of events",
    statements: [
      // A party lists the events that caused an edge it may see (API-CONTRACT §6): the edges of one event, found by
      // its id instead of by walking every relationship of the objects it names (a lot has thousands).
      "CREATE INDEX transformed_into_event IF NOT EXISTS FOR ()-[r:TRANSFORMED_INTO]-() ON (r.eventId)",
      "CREATE INDEX in_lot_event IF NOT EXISTS FOR ()-[r:IN_LOT]-() ON (r.eventId)",
      "CREATE INDEX contained_in_event IF NOT EXISTS FOR ()-[r:CONTAINED_IN]-() ON (r.eventId)",
      "CREATE INDEX shipped_to_event IF NOT EXISTS FOR ()-[r:SHIPPED_TO]-() ON (r.eventId)",
    ],
  },
  {
    version: 7,
    name: "durable jobs: claimable jobs, expired jobs, job inputs",
    statements: [
      // Workers look for running jobs of their queue (few among many finished ones); the cleanup for jobs finished
      // before the retention period; a job's input is read and deleted by its job's id.
      "CREATE INDEX job_status_queue IF NOT EXISTS FOR (j:Job) ON (j.status, j.queue)",
      "CREATE INDEX job_finished_at IF NOT EXISTS FOR (j:Job) ON (j.finishedAt)",
      "CREATE INDEX job_input_job IF NOT EXISTS FOR (i:JobInput) ON (i.jobId)",
      // Jobs left running by versions before durable jobs belong to no queue: the default queue's workers end them
      // (their input was never stored), instead of leaving them "running" for ever.
      'MATCH (j:Job) WHERE j.queue IS NULL AND j.status = "RUNNING" SET j.queue = "default"',
    ],
  },
  {
    version: 8,
    name: "internal-audit findings by id, maker, batch and time",
    statements: [
      "CREATE CONSTRAINT audit_finding_id IF NOT EXISTS FOR (f:AuditFinding) REQUIRE f.id IS UNIQUE",
      // A maker's findings (its own view), a batch's, and the operator's newest-first page without a filter.
      "CREATE INDEX audit_finding_manufacturer IF NOT EXISTS FOR (f:AuditFinding) ON (f.manufacturerId)",
      "CREATE INDEX audit_finding_batch IF NOT EXISTS FOR (f:AuditFinding) ON (f.batchId)",
      "CREATE INDEX audit_finding_opened_at IF NOT EXISTS FOR (f:AuditFinding) ON (f.openedAt)",
    ],
  },
  {
    version: 9,
    name: "an organisation's further identifiers (USCC, party GLNs), each owned by one organisation",
    statements: [
      // One owner per identifier, also under concurrent additions: the constraint makes the second MERGE match.
      "CREATE CONSTRAINT org_identifier_value IF NOT EXISTS FOR (i:OrgIdentifier) REQUIRE i.value IS UNIQUE",
    ],
  },
  {
    version: 10,
    name: "consumer views, warranty registrations and service records",
    statements: [
      // A consumer page view is deduplicated per viewer (a hashed cookie or address): that viewer's recent views.
      "CREATE INDEX scan_viewer IF NOT EXISTS FOR (s:Scan) ON (s.viewer)",
      // One warranty registration per code: the constraint makes a registration idempotent under concurrency too.
      "CREATE CONSTRAINT warranty_object IF NOT EXISTS FOR (w:WarrantyRegistration) REQUIRE w.objectKey IS UNIQUE",
      "CREATE CONSTRAINT service_record_id IF NOT EXISTS FOR (r:ServiceRecord) REQUIRE r.id IS UNIQUE",
      "CREATE INDEX service_record_object IF NOT EXISTS FOR (r:ServiceRecord) ON (r.objectKey)",
      "CREATE INDEX service_record_batch IF NOT EXISTS FOR (r:ServiceRecord) ON (r.batchId)",
    ],
  },
  {
    version: 12,
    name: "who may see each edge, event and alert, by party",
    statements: [
      // A party's events and alerts pages walk its own sightings in page order (viewers.queries.ts).
      "CREATE INDEX sees_event_party IF NOT EXISTS FOR ()-[v:SEES_EVENT]-() ON (v.party, v.at, v.eventId)",
      "CREATE INDEX sees_alert_party IF NOT EXISTS FOR ()-[v:SEES_ALERT]-() ON (v.party, v.at, v.id)",
    ],
    backfill: [
      `MATCH (a:Obj)-[r:TRANSFORMED_INTO|IN_LOT|CONTAINED_IN]->(b:Obj)
CALL (a, r, b) { SET r.viewers = ${flowEdgeViewers("a", "r", "b")} } IN TRANSACTIONS OF 10000 ROWS`,
      `MATCH (a:Obj)-[r:SHIPPED_TO]->(:Organization)
CALL (a, r) { SET r.viewers = ${shipmentViewers("a", "r")} } IN TRANSACTIONS OF 10000 ROWS`,
      `MATCH (e:Event) WHERE size(coalesce(e.parties, [])) > 0
UNWIND e.parties AS party
WITH DISTINCT e.eventId AS eventId, party
CALL (eventId, party) { ${SEE_EVENT} } IN TRANSACTIONS OF 5000 ROWS`,
      `MATCH ()-[r:TRANSFORMED_INTO|IN_LOT|CONTAINED_IN|SHIPPED_TO]->() WHERE r.viewers IS NOT NULL
UNWIND r.viewers AS party
WITH DISTINCT r.eventId AS eventId, party
CALL (eventId, party) { ${SEE_EVENT} } IN TRANSACTIONS OF 5000 ROWS`,
      `MATCH (a:Alert)-[:RAISED_BY]->(:Scan)-[:OF]->(o:Obj)
WITH a, [x IN [a.responsibleOrgId] WHERE x IS NOT NULL] + coalesce(o.fol, []) AS parties
UNWIND parties AS party
WITH DISTINCT a, party
CALL (a, party) { ${SEE_ALERT} } IN TRANSACTIONS OF 5000 ROWS`,
    ],
  },
  {
    version: 13,
    name: "notifications: named queries, subscriptions, the outbox and its deliveries, recall notices",
    statements: [
      "CREATE CONSTRAINT epcis_query_key IF NOT EXISTS FOR (q:EpcisQuery) REQUIRE q.key IS UNIQUE",
      "CREATE INDEX epcis_query_owner IF NOT EXISTS FOR (q:EpcisQuery) ON (q.ownerKey)",
      "CREATE CONSTRAINT subscription_id IF NOT EXISTS FOR (s:Subscription) REQUIRE s.id IS UNIQUE",
      "CREATE INDEX subscription_query IF NOT EXISTS FOR (s:Subscription) ON (s.queryKey)",
      // The delivery worker looks for subscriptions with items queued; the fan-out for the streaming ones; the
      // scheduler for those whose next run is due.
      "CREATE INDEX subscription_pending IF NOT EXISTS FOR (s:Subscription) ON (s.pending)",
      "CREATE INDEX subscription_stream IF NOT EXISTS FOR (s:Subscription) ON (s.stream)",
      "CREATE INDEX subscription_next_run IF NOT EXISTS FOR (s:Subscription) ON (s.nextRunAt)",
      "CREATE CONSTRAINT outbox_gate_id IF NOT EXISTS FOR (g:OutboxGate) REQUIRE g.id IS UNIQUE",
      "CREATE CONSTRAINT outbox_change_id IF NOT EXISTS FOR (c:OutboxChange) REQUIRE c.id IS UNIQUE",
      "CREATE INDEX outbox_change_lease IF NOT EXISTS FOR (c:OutboxChange) ON (c.leaseUntil)",
      "CREATE CONSTRAINT delivery_id IF NOT EXISTS FOR (d:Delivery) REQUIRE d.id IS UNIQUE",
      "CREATE INDEX delivery_subscription_id IF NOT EXISTS FOR (d:Delivery) ON (d.subscriptionId)",
      // Recall notices: one per recall and holder; listed by batch (the maker) and by holder.
      "CREATE CONSTRAINT recall_notice_id IF NOT EXISTS FOR (n:RecallNotice) REQUIRE n.id IS UNIQUE",
      "CREATE INDEX recall_notice_batch IF NOT EXISTS FOR (n:RecallNotice) ON (n.batchId)",
      "CREATE INDEX recall_notice_holder IF NOT EXISTS FOR (n:RecallNotice) ON (n.holderId)",
    ],
  },
  {
    version: 14,
    name: "live (GraphQL) subscriptions: found by the process that holds them",
    statements: ["CREATE INDEX subscription_queue IF NOT EXISTS FOR (s:Subscription) ON (s.queue)"],
  },
  {
    version: 15,
    name: "EPCIS master data by vocabulary type and key; regulator reports' stored files",
    statements: [
      // One element per vocabulary type and canonical key: a capture of it again updates it (issue 16 item 6).
      "CREATE CONSTRAINT master_data_type_key IF NOT EXISTS FOR (m:MasterData) REQUIRE (m.vtype, m.key) IS UNIQUE",
      // Query documents find the elements their events use by key alone (any type).
      "CREATE INDEX master_data_key IF NOT EXISTS FOR (m:MasterData) ON (m.key)",
      // A report job's files (JSON, XLSX, signatures) in parts beside the job (issue 16 item 7).
      "CREATE INDEX job_output_job IF NOT EXISTS FOR (o:JobOutput) ON (o.jobId)",
    ],
  },
  {
    version: 16,
    name: "one index entry less per code twice over: no Code.value constraint, no Code.batchId index",
    // Issue 19 item 1: every code paid for index entries that duplicate others. A code's value is its key (both are
    // written from the same string, trace-code.queries.ts and producer.queries.ts), and Obj.key is unique already;
    // (batchId, value) serves every read by batch (with `c.value IS NOT NULL`, true of every code). Versions 1 and 2
    // no longer create them, since every start runs every version's statements again.
    statements: ["DROP CONSTRAINT code_value IF EXISTS", "DROP INDEX code_batch IF EXISTS"],
  },
];

export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.version));

/** Applies every migration not yet recorded; returns the versions applied by this call. */
export async function migrate(executor: Executor): Promise<number[]> {
  const applied: number[] = [];
  const recorded = new Set(((await executor.read(Q.appliedMigrationVersions()))[0]?.versions ?? []) as number[]);
  for (const migration of MIGRATIONS) {
    // Schema statements cannot share a transaction with data writes, so each runs on its own.
    for (const statement of migration.statements) await applySchemaStatement(executor, statement);
    if (!recorded.has(migration.version)) {
      if (migration.backfill?.length) await executor.write(Q.awaitIndexes());
      for (const statement of migration.backfill ?? []) await executor.autoCommit(Q.backfillStatement(statement));
    }
    const rows = await executor.write(Q.recordMigration(migration.version, migration.name));
    if (rows[0]?.created === true) applied.push(migration.version);
  }
  await executor.write(Q.awaitIndexes());
  return applied;
}

/**
 * Two processes (or a readiness check beside start-up) may migrate at once: `IF NOT EXISTS` does not stop the second
 * of two concurrent creations, which Neo4j refuses as already existing. The rule exists either way, which is the goal.
 */
async function applySchemaStatement(executor: Executor, statement: string): Promise<void> {
  try {
    await executor.write(Q.schemaStatement(statement));
  } catch (error) {
    if (!isAlreadyExisting(error)) throw error;
  }
}

const ALREADY_EXISTING = new Set([
  "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
  "Neo.ClientError.Schema.IndexAlreadyExists",
  "Neo.ClientError.Schema.ConstraintAlreadyExists",
]);

function isAlreadyExisting(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && ALREADY_EXISTING.has(code);
}

/** The highest applied migration version in the graph, or 0. */
export async function appliedVersion(executor: Executor): Promise<number> {
  const rows = await executor.read(Q.appliedMigrationVersion());
  return Number(rows[0]?.version ?? 0);
}
