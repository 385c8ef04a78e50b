import { ApolloServer } from "@apollo/server";
import type { Principal } from "../../src/access/principal.js";
import { createContext, type AppContext } from "../../src/resolvers/context.js";
import { createFormatError } from "../../src/server/format-error.js";
import { buildAppSchema } from "../../src/server/schema.js";
import type { GqlResult } from "./test-api.js";
import { testServices } from "./test-services.js";

let server: ApolloServer<AppContext> | undefined;

/** Runs an operation through the real schema and Apollo pipeline as `principal` (access tests). */
export async function gqlAs<T = Record<string, unknown>>(
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  const services = await testServices();
  server ??= new ApolloServer<AppContext>({
    schema: await buildAppSchema(),
    formatError: createFormatError(services.logger),
    includeStacktraceInErrorResponses: false,
  });
  const response = await server.executeOperation<T>(
    { query, variables },
    { contextValue: createContext(services, principal) },
  );
  if (response.body.kind !== "single") throw new Error("unexpected incremental response");
  return response.body.singleResult as GqlResult<T>;
}

/** A principal of `role` acting for `organizationId`, as an API key of that organisation would authenticate. */
export function principalOf(role: Principal["role"], organizationId: string | null): Principal {
  return {
    credentialId: `test-${role.toLowerCase()}-${organizationId ?? "operator"}`,
    organizationId,
    role,
    kind: "API_KEY",
  };
}
