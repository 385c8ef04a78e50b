import { Neo4jError } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { mapNeo4jError } from "../../../src/graph/neo4j-errors.js";
import { ConflictError, ServiceUnavailableError } from "../../../src/errors/app-errors.js";

const neo4jError = (message: string, code: string) => new Neo4jError(message, code, "50N42", message);

describe("mapNeo4jError", () => {
  it("answers a constraint violation with our own CONFLICT message, never Neo4j's text", () => {
    const raw = "Node(4711) already exists with label `Organization` and property `id` = 'uscc:9144…'";
    const mapped = mapNeo4jError(neo4jError(raw, "Neo.ClientError.Schema.ConstraintValidationFailed"));
    expect(mapped).toBeInstanceOf(ConflictError);
    expect(
      JSON.stringify({ message: (mapped as ConflictError).message, ...(mapped as ConflictError).extensions }),
    ).not.toMatch(/Node\(|4711|label|uscc/);
  });

  it("answers a full connection pool as SERVICE_UNAVAILABLE (busy), with Retry-After", () => {
    const raw =
      "Connection acquisition timed out in 2000 ms. Pool status: Active conn count = 100, Idle conn count = 0.";
    const mapped = mapNeo4jError(neo4jError(raw, "N/A")) as ServiceUnavailableError;
    expect(mapped).toBeInstanceOf(ServiceUnavailableError);
    expect(mapped.message).not.toContain("Pool status");
    expect(mapped.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryAfter: 1 });
  });
});
