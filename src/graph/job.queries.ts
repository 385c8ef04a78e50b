import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * Cypher of the durable jobs (JobRepository): a (:Job {id, kind, queue, status, total, done, params, leaseOwner,
 * leaseUntil, attempts}) and its input as (:JobInput {jobId, part, data}) string chunks, written before the job is
 * acknowledged. Leases are in milliseconds of the database's clock (`timestamp()`), so processes on machines whose
 * clocks disagree still agree on when a lease has run out.
 *
 * Statements that must only take effect for the lease holder first take the job's write lock (an update of the
 * node), then check the owner: a check before the lock could read a lease another process is taking over at that
 * moment (Neo4j's read-committed reads), and two processes would both go ahead.
 */

/** Takes the job's write lock, then keeps the row only while `$owner` holds the lease of a job still running. */
const HELD_BY_OWNER = `
MATCH (j:Job {id: $id})
SET j.locked = true
REMOVE j.locked
WITH j
WHERE j.leaseOwner = $owner AND j.status = "RUNNING"`;

const CREATE_JOB = `
CREATE (j:Job {id: $id, kind: $kind, queue: $queue, status: "RUNNING", total: $total, done: 0, attempts: 0,
               params: $params, createdAt: datetime(), updatedAt: datetime()})
SET j += $extra
WITH j
UNWIND range(0, size($parts) - 1) AS part
CREATE (:JobInput {jobId: j.id, part: part, data: $parts[part]})`;

/** A job and its input in one transaction: nothing is acknowledged that is not stored whole. */
export function createJob(job: {
  id: string;
  kind: string;
  queue: string;
  total: number;
  params: string;
  extra: Record<string, unknown>;
  parts: readonly string[];
}): Query {
  return query("job.create", CREATE_JOB, { ...job });
}

/**
 * Claims one of the oldest claimable jobs of a queue: running, and its lease never taken, released or run out. The
 * lock is taken before the check is repeated, so of two processes claiming one job at once one gets it, the other
 * nothing (and tries again at its next poll).
 */
const CLAIM_JOB = `
MATCH (j:Job)
WHERE j.status = "RUNNING" AND j.queue = $queue AND coalesce(j.leaseUntil, 0) < timestamp()
// One of the oldest few at random: workers polling at once rarely reach for the same job (the loser gets none).
WITH j ORDER BY j.createdAt ASC LIMIT 8
WITH j ORDER BY rand() LIMIT 1
SET j.locked = true
REMOVE j.locked
WITH j
WHERE j.status = "RUNNING" AND coalesce(j.leaseUntil, 0) < timestamp()
SET j.leaseOwner = $owner, j.leaseUntil = timestamp() + $leaseMs, j.attempts = coalesce(j.attempts, 0) + 1,
    j.claimedAt = datetime(), j.updatedAt = datetime()
RETURN j {.id, .kind, .total, .done, .attempts, .params} AS job`;

export function claimJob(queue: string, owner: string, leaseMs: number): Query {
  return query("job.claim", CLAIM_JOB, { queue, owner, leaseMs: neo4j.int(leaseMs) });
}

const HEARTBEAT = `
MATCH (j:Job {id: $id})
WHERE j.leaseOwner = $owner AND j.status = "RUNNING"
SET j.leaseUntil = timestamp() + $leaseMs
RETURN j.id AS id`;

/** Renews the lease; no row when the lease is no longer `owner`'s (taken over, or the job finished). */
export function heartbeat(id: string, owner: string, leaseMs: number): Query {
  return query("job.heartbeat", HEARTBEAT, { id, owner, leaseMs: neo4j.int(leaseMs) });
}

const RELEASE_JOB = `${HELD_BY_OWNER}
SET j.leaseOwner = null, j.leaseUntil = timestamp() + $delayMs, j.updatedAt = datetime(), j.lastError = $error
RETURN j.id AS id`;

/** Gives the job back, claimable again after `delayMs` (0: at once, e.g. at shutdown), keeping its progress. */
export function releaseJob(id: string, owner: string, delayMs: number, error: string | null): Query {
  return query("job.release", RELEASE_JOB, { id, owner, delayMs: neo4j.int(delayMs), error });
}

const JOB_PROGRESS = `${HELD_BY_OWNER} AND j.done = $doneBefore
SET j.done = j.done + $written, j.leaseUntil = timestamp() + $leaseMs, j.updatedAt = datetime()
RETURN j.done AS done`;

/**
 * A checkpoint: counts `written` on the job in the transaction that wrote it, and renews the lease. No row when the
 * lease was lost, or when the job's progress is no longer `doneBefore` (the same step committed already: a retry
 * after a commit whose answer was lost, or a second run of the job in the same process after its lease ran out
 * while Neo4j was away): the caller then rolls the step back, so a step is never done twice.
 */
export function jobProgress(id: string, owner: string, written: number, leaseMs: number, doneBefore: number): Query {
  return query("job.progress", JOB_PROGRESS, {
    id,
    owner,
    written,
    leaseMs: neo4j.int(leaseMs),
    doneBefore: neo4j.int(doneBefore),
  });
}

const JOB_PART_PROGRESS = `${HELD_BY_OWNER} AND NOT $part IN coalesce(j.partsDone, [])
SET j.done = j.done + $written, j.partsDone = coalesce(j.partsDone, []) + $part,
    j.leaseUntil = timestamp() + $leaseMs, j.updatedAt = datetime()
RETURN j.done AS done`;

/**
 * A checkpoint of a job whose steps are numbered parts that may commit in any order (several in parallel): counts
 * `written` and records part `part` as done, in the transaction that wrote it, and renews the lease. No row when the
 * lease was lost or the part is done already (its commit's answer was lost, or another run of the job wrote it): the
 * caller then rolls the part back, so no part is ever written twice. The job's lock is taken before the check.
 */
export function jobPartProgress(id: string, owner: string, written: number, leaseMs: number, part: number): Query {
  return query("job.partProgress", JOB_PART_PROGRESS, {
    id,
    owner,
    written,
    leaseMs: neo4j.int(leaseMs),
    part: neo4j.int(part),
  });
}

const PARTS_DONE = `
MATCH (j:Job {id: $id})
RETURN coalesce(j.partsDone, []) AS parts, j.done AS done`;

/** The parts of a job checkpointed by jobPartProgress, and its count. */
export function jobPartsDone(id: string): Query {
  return query("job.partsDone", PARTS_DONE, { id });
}

const FINISH_JOB = `${HELD_BY_OWNER}
SET j += $result, j.status = $status, j.finishedAt = datetime(), j.updatedAt = datetime(), j.finishedBy = $owner,
    j.leaseOwner = null, j.leaseUntil = null
RETURN j.done AS done`;

/**
 * Marks the job finished (DONE or FAILED) with its result properties, only for the lease holder; run in the
 * transaction of the job's last step, so the step and the job's end land together or not at all.
 */
export function finishJob(id: string, owner: string, status: string, result: Record<string, unknown>): Query {
  return query("job.finish", FINISH_JOB, { id, owner, status, result });
}

const JOB_INPUT = `
MATCH (i:JobInput {jobId: $id})
RETURN i.data AS data
ORDER BY i.part`;

export function jobInput(id: string): Query {
  return query("job.input", JOB_INPUT, { id });
}

const EXPIRE_JOBS = `
MATCH (j:Job)
WHERE j.finishedAt < datetime() - duration({milliseconds: $retentionMs})
WITH j LIMIT $limit
OPTIONAL MATCH (i:JobInput {jobId: j.id})
WITH j, collect(i) AS inputs
FOREACH (i IN inputs | DELETE i)
WITH j
OPTIONAL MATCH (o:JobOutput {jobId: j.id})
WITH j, collect(o) AS outputs
FOREACH (o IN outputs | DELETE o)
DETACH DELETE j
RETURN count(j) AS deleted`;

/** Deletes up to `limit` jobs that finished more than `retentionMs` ago, with their inputs and output files. */
export function expireJobs(retentionMs: number, limit: number): Query {
  return query("job.expire", EXPIRE_JOBS, { retentionMs: neo4j.int(retentionMs), limit: neo4j.int(limit) });
}
