import type { Principal } from "../../src/access/principal.js";
import { gql, gqlTwice, type GqlResult } from "./test-api.js";

/** Runs an operation through the real schema and Apollo pipeline as `principal` (access tests). */
export function gqlAs<T = Record<string, unknown>>(
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  return gql<T>(query, variables, { as: principal });
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

/** gqlAs twice, failing unless both answers are the same (the second runs from a compiled plan): for error tests. */
export function gqlAsTwice<T = Record<string, unknown>>(
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  return gqlTwice<T>(query, variables, { as: principal });
}
