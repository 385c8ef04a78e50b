import { describe, expect, it } from "vitest";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";

/**
 * Errors over HTTP stay the same once a query runs from a compiled plan (src/server/compiled-execution.ts compiles a
 * query the second time it is seen): each request is sent three times and must be answered alike every time.
 */
describe("GraphQL errors over HTTP, first and repeated requests alike", () => {
  const server = useTestApp();

  async function post(query: string, variables: Record<string, unknown>) {
    const response = await authFetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    return { status: response.status, body };
  }

  const TRACE = "query($code: String!, $depth: Int!) { downstream(code: $code, maxDepth: $depth) { root } }";

  it("answers a variable of the wrong type with 400 and BAD_USER_INPUT every time", async () => {
    for (let i = 0; i < 3; i++) {
      const { status, body } = await post(TRACE, { code: "urn:epc:id:sgtin:6901234.012345.X1", depth: "deep" });
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(body.errors?.[0]?.message).toMatch(/\$depth/);
    }
  });

  it("answers a rule broken in a resolver with its code and no stack, the same every time", async () => {
    const bodies = [];
    for (let i = 0; i < 3; i++) {
      const { status, body } = await post(TRACE, { code: "urn:epc:id:sgtin:6901234.012345.X1", depth: 99 });
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "maxDepth", rule: "range" });
      expect(body.errors?.[0]?.message).toBe("maxDepth must be from 0 to 32");
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
      bodies.push(body);
    }
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it("answers a malformed code with BAD_USER_INPUT and its field, the same every time", async () => {
    const bodies = [];
    for (let i = 0; i < 3; i++) {
      const { body } = await post("query($c: String!) { resolveCode(code: $c) { key } }", { c: "urn:epc:id:sgtin:1" });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "code" });
      bodies.push(body);
    }
    expect(bodies[2]).toEqual(bodies[0]);
  });
});
