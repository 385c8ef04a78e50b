import { ApolloServer } from "@apollo/server";
import { buildSchema } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { graphqlHardening } from "../../src/server/app.js";
import { CompiledExecution } from "../../src/server/compiled-execution.js";

const SCHEMA = buildSchema(`type Query { broken: String! ok: String }`);
SCHEMA.getQueryType()!.getFields().broken!.resolve = () => {
  throw new Error("socket hang up at /srv/tracegraph/src/graph/executor.ts:42");
};

/** Errors from a compiled plan (the second execution on) are logged and masked as on the first. */
describe("compiled execution errors", () => {
  it("logs and masks an unexpected error the same way on the first and the compiled execution", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const server = new ApolloServer({ gateway: new CompiledExecution(SCHEMA), ...graphqlHardening(logger) });
    const run = async () => {
      const response = await server.executeOperation({ query: "query Q { broken ok }" });
      return response.body.kind === "single" ? response.body.singleResult : null;
    };
    const first = await run();
    const second = await run();
    expect(first).toEqual({
      data: null,
      errors: [{ message: "Internal server error", path: ["broken"], extensions: { code: "INTERNAL_SERVER_ERROR" } }],
    });
    expect(second).toEqual(first);
    expect(lines.filter((line) => line.msg === "unexpected error")).toHaveLength(2);
    await server.stop();
  });
});
