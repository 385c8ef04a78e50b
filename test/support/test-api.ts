import { OPERATOR } from "../../src/access/principal.js";
import { ApolloServer } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { buildAppSchema } from "../../src/server/schema.js";
import { createContext, type AppContext } from "../../src/resolvers/context.js";
import { createFormatError } from "../../src/server/format-error.js";
import { testServices } from "./test-services.js";

let server: ApolloServer<AppContext> | undefined;

export interface GqlResult<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Runs an operation through the real schema and Apollo pipeline (formatError included) against real Neo4j. */
export async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  const services = await testServices();
  if (!server) {
    server = new ApolloServer<AppContext>({
      schema: await buildAppSchema(),
      formatError: createFormatError(services.logger),
      includeStacktraceInErrorResponses: false,
    });
  }
  const response = await server.executeOperation<T>(
    { query, variables },
    { contextValue: createContext(services, OPERATOR) },
  );
  if (response.body.kind !== "single") throw new Error("unexpected incremental response");
  return response.body.singleResult as GqlResult<T>;
}

/** The data of a successful operation; throws with the errors otherwise, so a test failure shows why. */
export async function gqlData<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
  const result = await gql<T>(query, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** The `extensions.code` of the first error, for asserting on rejections. */
export function firstErrorCode(result: GqlResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code as string | undefined;
}
