import { createHash } from "node:crypto";
import type { GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, execute, getOperationAST, parse, type GraphQLSchema } from "graphql";
import { beforeEach, describe, expect, it } from "vitest";
import { CompiledExecution } from "../../src/server/compiled-execution.js";

const SCHEMA = buildSchema(`
  type Node { key: String! depth: Int! tags: [String!]! }
  type Query { nodes(first: Int!): [Node!]! failing: String }
  type Mutation { touch(key: String!): String }
`);

/** Resolvers as a root value: nodes are built from `first`, `failing` throws an error carrying a code. */
const rootValue = {
  nodes: ({ first }: { first: number }) =>
    Array.from({ length: first }, (_, i) => ({ key: `k${i}`, depth: i % 4, tags: [`t${i}`] })),
  failing: () => {
    const error = new Error("nope") as Error & { extensions: Record<string, unknown> };
    error.extensions = { code: "BAD_USER_INPUT" };
    throw error;
  },
  touch: ({ key }: { key: string }) => `touched ${key}`,
};

function request(schema: GraphQLSchema, query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error("no operation");
  return {
    document,
    operation,
    operationName: null,
    source: query,
    queryHash: createHash("sha256").update(query).digest("hex"),
    request: { query, variables },
    context: {},
    schema,
  } as unknown as GatewayGraphQLRequestContext;
}

describe("CompiledExecution (graphql-jit behind Apollo's gateway interface)", () => {
  let gateway: CompiledExecution;
  let executor: GatewayExecutor;

  beforeEach(async () => {
    // graphql-jit calls field resolvers with (parent, args, ...): give the root value as the parent.
    const schema = SCHEMA;
    for (const [name, resolve] of Object.entries(rootValue)) {
      const field = schema.getQueryType()?.getFields()[name] ?? schema.getMutationType()?.getFields()[name];
      if (field) field.resolve = (_parent, args) => (resolve as (a: unknown) => unknown)(args);
    }
    gateway = new CompiledExecution(schema, { compileAt: 2, maxPlans: 2 });
    let loaded: GraphQLSchema | undefined;
    gateway.onSchemaLoadOrUpdate(({ apiSchema }) => (loaded = apiSchema));
    expect(loaded).toBe(schema);
    executor = (await gateway.load()).executor;
  });

  const QUERY = "query($first: Int!) { nodes(first: $first) { key depth tags } }";

  it("compiles a query the second time it is seen and answers exactly as graphql-js", async () => {
    const expected = await execute({ schema: SCHEMA, document: parse(QUERY), variableValues: { first: 50 } });
    const first = await executor(request(SCHEMA, QUERY, { first: 50 }));
    expect(gateway.compiledPlans).toBe(0);
    const second = await executor(request(SCHEMA, QUERY, { first: 50 }));
    const third = await executor(request(SCHEMA, QUERY, { first: 3 }));
    expect(gateway.compiledPlans).toBe(1);
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(third.data?.nodes).toHaveLength(3);
  });

  it("reports a bad variable in graphql-js's words, compiled or not, and runs nothing", async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await executor(request(SCHEMA, QUERY, { first: "many" })));
    for (const answer of answers) {
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]?.message).toMatch(/^Variable "\$first" got invalid value "many"/);
    }
  });

  it("keeps a resolver error's path and extensions when compiled", async () => {
    const query = "{ failing }";
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await executor(request(SCHEMA, query)));
    expect(gateway.compiledPlans).toBe(1);
    for (const answer of answers) {
      expect(answer.data).toEqual({ failing: null });
      expect(answer.errors?.[0]?.path).toEqual(["failing"]);
      expect(answer.errors?.[0]?.originalError?.message).toBe("nope");
    }
  });

  it("leaves mutations to graphql-js and keeps at most maxPlans plans", async () => {
    const mutation = 'mutation { touch(key: "a") }';
    for (let i = 0; i < 3; i++) {
      expect((await executor(request(SCHEMA, mutation))).data).toEqual({ touch: "touched a" });
    }
    expect(gateway.compiledPlans).toBe(0);
    for (const first of [1, 2, 3]) {
      const query = `{ nodes(first: ${first}) { key } }`;
      await executor(request(SCHEMA, query));
      await executor(request(SCHEMA, query));
    }
    expect(gateway.compiledPlans).toBe(2);
  });
});
