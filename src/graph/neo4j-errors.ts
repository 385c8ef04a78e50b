import { Neo4jError } from "neo4j-driver";
import { GraphQLError } from "graphql";
import { ConflictError, QueryTimeoutError, ServiceUnavailableError } from "../errors/app-errors.js";

const UNAVAILABLE = new Set(["ServiceUnavailable", "SessionExpired", "Neo.TransientError.General.DatabaseUnavailable"]);
const TIMED_OUT = new Set([
  "Neo.ClientError.Transaction.TransactionTimedOut",
  "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
]);

/** Translates driver errors into the domain errors clients understand; anything else passes through (and is masked). */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE.has(error.code)) return new ServiceUnavailableError();
  if (TIMED_OUT.has(error.code)) return new QueryTimeoutError();
  if (error.code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
    return new ConflictError("That identity exists already.", { detail: error.message });
  }
  return error;
}

/** True for errors that mean "the database is not reachable right now". */
export function isUnavailable(error: unknown): boolean {
  return error instanceof ServiceUnavailableError || (error instanceof Neo4jError && UNAVAILABLE.has(error.code));
}
