import { Neo4jError } from "neo4j-driver";
import { GraphQLError } from "graphql";
import { ConflictError, QueryTimeoutError, ServiceUnavailableError } from "../errors/app-errors.js";

const UNAVAILABLE = new Set(["ServiceUnavailable", "SessionExpired", "Neo.TransientError.General.DatabaseUnavailable"]);
const TIMED_OUT = new Set([
  "Neo.ClientError.Transaction.TransactionTimedOut",
  "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
]);

/**
 * Translates driver errors into the domain errors clients understand; anything else passes through (and is logged
 * and masked by the server). Neo4j's own text never reaches a client: it names internals (labels, node ids, values).
 */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE.has(error.code)) return new ServiceUnavailableError();
  if (isAcquisitionTimeout(error)) {
    return new ServiceUnavailableError("The service is busy: no database connection came free in time; try again.");
  }
  if (TIMED_OUT.has(error.code)) return new QueryTimeoutError();
  if (error.code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
    return new ConflictError("That identity exists already.");
  }
  return error;
}

/**
 * Every pooled connection busy for the acquisition timeout: the database answers, this process is overloaded. The
 * driver gives it no code of its own, only its message.
 */
function isAcquisitionTimeout(error: Neo4jError): boolean {
  return error.message.startsWith("Connection acquisition timed out");
}

/** True for errors that mean "the database is not reachable right now". */
export function isUnavailable(error: unknown): boolean {
  return error instanceof ServiceUnavailableError || (error instanceof Neo4jError && UNAVAILABLE.has(error.code));
}
