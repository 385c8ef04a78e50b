import { ApolloServer } from "@apollo/server";
import { expect } from "vitest";
import type { GraphQLFormattedError } from "graphql";
import type { Principal } from "../../src/access/principal.js";
import { buildAppSchema } from "../../src/server/schema.js";
import { graphqlHardening } from "../../src/server/app.js";
import { CompiledExecution } from "../../src/server/compiled-execution.js";
import { createContext, type AppContext } from "../../src/resolvers/context.js";
import { TEST_ADMIN_API_KEY } from "./test-credentials.js";
import { testApplication, testServices } from "./test-services.js";

let server: ApolloServer<AppContext> | undefined;

export interface GqlResult<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface GqlOptions {
  /**
   * Who calls: a credential (checked by the server's authenticator, as a request's bearer credential is) or a
   * principal as it is. Default: the test ADMIN's credential.
   */
  as?: string | Principal;
}

/**
 * Runs an operation through the real schema and Apollo pipeline (formatError, the operation limits and the server's
 * executor, compiled-execution.ts, included) against real Neo4j, on behalf of the test ADMIN unless `as` says
 * otherwise. As in the server, a query document runs from a compiled plan from its second execution on.
 */
export async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: GqlOptions = {},
): Promise<GqlResult<T>> {
  const services = await testServices();
  server ??= new ApolloServer<AppContext>({
    gateway: new CompiledExecution(await buildAppSchema()),
    ...graphqlHardening(services.logger),
  });
  const response = await server.executeOperation<T>(
    { query, variables },
    { contextValue: createContext(services, await principalOf(options.as ?? TEST_ADMIN_API_KEY)) },
  );
  if (response.body.kind !== "single") throw new Error("unexpected incremental response");
  return response.body.singleResult as GqlResult<T>;
}

async function principalOf(as: string | Principal): Promise<Principal> {
  if (typeof as !== "string") return as;
  return (await (await testApplication()).authenticator()).authenticate(as);
}

/** The data of a successful operation; throws with the errors otherwise, so a test failure shows why. */
export async function gqlData<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: GqlOptions = {},
) {
  return dataOf(await gql<T>(query, variables, options));
}

/** The data of a result; throws with its errors when it has any, so a test failure shows why. */
export function dataOf<T>(result: GqlResult<T>): T {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** The `extensions.code` of the first error, for asserting on rejections. */
export function firstErrorCode(result: GqlResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code as string | undefined;
}

/**
 * Runs the operation twice and fails unless both answers are the same; returns the answer. A query runs from a
 * compiled plan from its second execution on (compiled-execution.ts), so an error test written with this covers both
 * execution paths: the same errors, codes, messages and masking.
 */
export async function gqlTwice<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: GqlOptions = {},
): Promise<GqlResult<T>> {
  const first = await gql<T>(query, variables, options);
  const second = await gql<T>(query, variables, options);
  expect(second, "the second (compiled) execution answered differently").toEqual(first);
  return first;
}
