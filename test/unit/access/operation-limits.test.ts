import { ApolloServer } from "@apollo/server";
import {
  getIntrospectionQuery,
  getNamedType,
  isNonNullType,
  isObjectType,
  parse,
  specifiedRules,
  validate,
  type GraphQLError,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAppSchema } from "../../../src/server/schema.js";
import {
  OPERATION_LIMITS,
  operationLimitRules,
  operationLimits,
  operationParseOptions,
} from "../../../src/server/operation-limits.js";
import { operationCost } from "../../../src/server/pagination-cost.rule.js";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

/** Standard validation plus the limits: what Apollo and the plugin together refuse. */
function check(query: string, variables: Record<string, unknown> = {}): readonly GraphQLError[] {
  return validate(schema, parse(query, operationParseOptions()), [
    ...specifiedRules,
    ...operationLimitRules(variables),
  ]);
}

function limitErrors(query: string, variables: Record<string, unknown> = {}) {
  return check(query, variables).filter((e) => e.extensions.code === "QUERY_TOO_COMPLEX");
}

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  let cost = -1;
  validate(schema, parse(query), [
    (context) => ({
      OperationDefinition(operation) {
        cost = operationCost(context, operation, { variables });
      },
    }),
  ]);
  return cost;
}

/** The largest documented page size of each page argument: the trace service takes `limit` up to 100,000. */
function largestPage(field: GraphQLField<unknown, unknown>, argument: string): number | undefined {
  if (argument === "limit") return ["upstream", "downstream"].includes(field.name) ? 100_000 : 1000;
  return argument === "first" ? 1000 : undefined;
}

/**
 * The largest legitimate call of a root field: every field of its answer selected, all the way down, each page at its
 * largest documented size; required arguments come as variables. A page inside another page (a batch's codes in a
 * page of `batchList`) is taken at its default size: a list of a thousand batches with ten thousand codes each is
 * no one's legitimate call, and the cost limit is there to refuse it.
 */
function fullOperation(kind: "query" | "mutation", root: GraphQLObjectType, fieldName: string): string {
  const variables: string[] = [];
  const selection = (field: GraphQLField<unknown, unknown>, path: string, depth: number, inPage = false): string => {
    const paged = field.args.some((arg) => arg.name === "first");
    const args = field.args.flatMap((arg) => {
      const page = inPage && arg.name === "first" ? undefined : largestPage(field, arg.name);
      if (page !== undefined) return [`${arg.name}: ${page}`];
      if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) return [];
      const name = `${path}_${arg.name}`;
      variables.push(`$${name}: ${arg.type.toString()}`);
      return [`${arg.name}: $${name}`];
    });
    const type = getNamedType(field.type);
    const children =
      isObjectType(type) && depth < 8
        ? ` { ${Object.values(type.getFields())
            .map((child) => selection(child, `${path}_${child.name}`, depth + 1, inPage || paged))
            .join(" ")} }`
        : "";
    return `${field.name}${args.length ? `(${args.join(", ")})` : ""}${children}`;
  };
  const field = root.getFields()[fieldName];
  if (!field) throw new Error(`no field ${fieldName}`);
  const body = selection(field, fieldName, 1);
  return `${kind}${variables.length ? `(${variables.join(", ")})` : ""} { ${body} }`;
}

describe("operation limits", () => {
  it("let the largest legitimate call of every query and mutation pass", () => {
    const costs: Record<string, number> = {};
    for (const [kind, root] of [
      ["query", schema.getQueryType()],
      ["mutation", schema.getMutationType()],
    ] as const) {
      for (const name of Object.keys(root?.getFields() ?? {})) {
        const operation = fullOperation(kind, root as GraphQLObjectType, name);
        expect(check(operation), operation).toEqual([]);
        costs[name] = costOf(operation);
      }
    }
    // The trace at the service's largest limit is the costliest call of the contract.
    expect(costs.upstream).toBe(Math.max(...Object.values(costs)));
    expect(costs.upstream).toBeLessThanOrEqual(OPERATION_LIMITS.maxCost);
  });

  it("let the contract's traces through at limit 10000 and maxDepth 32, upstream and downstream together", () => {
    const trace = (field: string) =>
      `${field}(code: "x", limit: 10000, maxDepth: 32) { root truncated nodes { key kind depth } edges { from to kind } }`;
    expect(check(`{ ${trace("upstream")} ${trace("downstream")} }`)).toEqual([]);
  });

  it("let GraphiQL's introspection query through", () => {
    expect(check(getIntrospectionQuery())).toEqual([]);
  });

  it("refuse 500 aliased traces before anything runs", () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `t${i}: upstream(code: "c${i}") { root }`).join(" ");
    const errors = limitErrors(`{ ${aliases} }`);
    expect(errors.map((e) => e.extensions.limit).sort()).toEqual(["aliases", "cost"]);
    expect(errors[0]?.message).not.toMatch(/^Syntax Error/);
  });

  it("refuse a query 30 fields deep, valid as it is otherwise", () => {
    // __type(1) fields(2) type(3), 26 × ofType, name(30): introspection types nest without end.
    const ofTypes = "ofType { ".repeat(26);
    const deep = `{ __type(name: "Query") { fields { type { ${ofTypes}name${" }".repeat(26)} } } } }`;
    const errors = check(deep);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "depth", max: 12 });
    expect(errors[0]?.message).toMatch(/found 30/);
  });

  it("count fragments at the depth of the fields in them", () => {
    const query = `query { diversionAlerts { ...Alerts } }
      fragment Alerts on DiversionAlertConnection { edges { node { responsibleOrganization { id } } } }`;
    expect(check(query)).toEqual([]);
  });

  it("weigh a page size given as a variable by the request's value", () => {
    const query = 'query($n: Int!) { upstream(code: "x", limit: $n) { nodes { key kind depth } } }';
    expect(costOf(query, { n: 10 })).toBe(1 + 10 * (1 + 3));
    expect(limitErrors(query, { n: 100_000 })).toEqual([]);
    expect(limitErrors(query, { n: 1_000_000 })[0]?.extensions).toMatchObject({ limit: "cost", found: 4_000_001 });
  });

  it("weigh an absent page argument at its default, and a variable without a value at the variable's default", () => {
    expect(costOf('{ downstream(code: "x") { root } }')).toBe(1 + 10_000);
    expect(costOf('query($n: Int = 7) { downstream(code: "x", limit: $n) { root } }')).toBe(1 + 7);
    expect(costOf("{ diversionAlerts { edges { cursor } } }")).toBe(1 + 50 * 2);
  });

  it("multiply nested pages", () => {
    const query = '{ codeIssue(issueId: "i") { codes(first: 1000) { edges { node { value } } } } }';
    expect(costOf(query)).toBe(1 + 1 + 1000 * (1 + 1 + 1));
  });

  it("weigh a fragment spread many times once per spread, without walking it again", () => {
    // Each level spreads the one below twice: 2^20 paths if walked naively, 20 fragments weighed here.
    const levels = Array.from({ length: 20 }, (_, i) =>
      i === 19 ? `fragment F${i} on TraceGraph { root }` : `fragment F${i} on TraceGraph { ...F${i + 1} ...F${i + 1} }`,
    );
    const query = `{ upstream(code: "x", limit: 1) { ...F0 } } ${levels.join(" ")}`;
    expect(costOf(query)).toBe(1 + 2 ** 19);
  });

  it("refuses a document longer than the token limit when parsing it", () => {
    const fields = Array.from({ length: 4000 }, (_, i) => `a${i}: __typename`).join(" ");
    expect(() => parse(`{ ${fields} }`, operationParseOptions())).toThrow(/10000 tokens/);
  });
});

describe("operation limits in Apollo Server", () => {
  it("answer 400 with QUERY_TOO_COMPLEX and never start executing", async () => {
    const limits = operationLimits();
    let executed = false;
    const server = new ApolloServer({
      schema,
      parseOptions: limits.parseOptions,
      plugins: [
        ...limits.plugins,
        {
          async requestDidStart() {
            return {
              async executionDidStart() {
                executed = true;
              },
            };
          },
        },
      ],
    });
    const aliases = Array.from({ length: 500 }, (_, i) => `t${i}: upstream(code: $code) { root }`).join(" ");
    const response = await server.executeOperation({
      query: `query($code: String!) { ${aliases} }`,
      variables: { code: "urn:epc:id:sgtin:6901234.012345.X1" },
    });
    expect(response.http.status).toBe(400);
    if (response.body.kind !== "single") throw new Error("unexpected incremental response");
    const errors = response.body.singleResult.errors ?? [];
    expect(errors[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX" });
    expect(errors[0]?.extensions).not.toHaveProperty("http");
    expect(executed).toBe(false);
  });

  it("weigh a repeated document again for each new page size, not by the other variables", async () => {
    const server = new ApolloServer({ schema, ...operationLimits() });
    // Five traces of 8 values a node: 4,000,005 at limit 100000, over the limit of 4,000,000.
    const traces = ["a", "b", "c", "d", "e"].map(
      (alias) => `${alias}: downstream(code: $code, limit: $limit) { nodes { key kind depth } edges { from to kind } }`,
    );
    const query = `query($code: String!, $limit: Int!) { ${traces.join(" ")} }`;
    const codeOf = (code: string, limit: number) => server.executeOperation({ query, variables: { code, limit } });
    const refusal = async (code: string, limit: number) => {
      const response = await codeOf(code, limit);
      if (response.body.kind !== "single") throw new Error("unexpected incremental response");
      return response.body.singleResult.errors?.find((e) => e.extensions?.code === "QUERY_TOO_COMPLEX") ?? null;
    };
    // Passed once at a small page; the same document with a page too large is still refused, and still refused again.
    expect(await refusal("urn:epc:id:sgtin:6901234.012345.X1", 10)).toBeNull();
    expect(await refusal("urn:epc:id:sgtin:6901234.012345.X1", 10)).toBeNull();
    expect(await refusal("urn:epc:id:sgtin:6901234.012345.X1", 100_000)).not.toBeNull();
    expect(await refusal("urn:epc:id:sgtin:6901234.012345.X2", 100_000)).not.toBeNull();
    expect(await refusal("urn:epc:id:sgtin:6901234.012345.X2", 10)).toBeNull();
  });

  it("let a legitimate operation execute", async () => {
    const server = new ApolloServer({ schema, ...operationLimits() });
    const response = await server.executeOperation({ query: "{ __typename }" });
    if (response.body.kind !== "single") throw new Error("unexpected incremental response");
    expect(response.body.singleResult).toEqual({ data: { __typename: "Query" } });
  });
});
