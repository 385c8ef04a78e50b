import { ApolloServer } from "@apollo/server";
import { isObjectType, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiKeyService } from "../../../src/access/api-key.service.js";
import type { Principal } from "../../../src/access/principal.js";
import { ApiKeyResolver, type ApiKeyContext } from "../../../src/resolvers/api-key.resolver.js";
import { validateArgument } from "../../../src/server/argument-validator.js";
import { createFormatError } from "../../../src/server/format-error.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { testServices } from "../../support/test-services.js";
import { apiKeyService, registerOrganization } from "./access-fixtures.js";

const ADMIN: Principal = { credentialId: "env:ADMIN_API_KEY", organizationId: null, role: "ADMIN", kind: "ENV_ADMIN" };

const CREATE = `mutation($org: String!, $role: AccessRole!, $name: String, $expiresAt: DateTime) {
  createApiKey(organizationId: $org, role: $role, name: $name, expiresAt: $expiresAt) { id key }
}`;
const LIST = `query($org: String) {
  apiKeys(organizationId: $org) { id name organizationId role createdAt expiresAt revokedAt lastUsedAt }
}`;
const REVOKE = "mutation($id: ID!) { revokeApiKey(id: $id) }";

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/** The API key resolver alone, through Apollo with the app's formatError, on the real graph. */
describe("API key GraphQL surface", () => {
  let server: ApolloServer<ApiKeyContext>;
  let service: ApiKeyService;
  let org: string;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    const { logger } = await testServices();
    schema = await buildSchema({ resolvers: [ApiKeyResolver], validateFn: validateArgument });
    server = new ApolloServer<ApiKeyContext>({ schema, formatError: createFormatError(logger) });
    service = await apiKeyService();
    org = await registerOrganization();
  });

  async function run(query: string, variables: Record<string, unknown>, principal?: Principal): Promise<Result> {
    const contextValue: ApiKeyContext = { principal, services: { apiKeys: service } };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== "single") throw new Error("unexpected incremental response");
    // As a client reads it: DateTime values are Date objects until serialised.
    return JSON.parse(JSON.stringify(response.body.singleResult)) as Result;
  }

  it("lets an ADMIN create a key shown once, list it without its secret, and revoke it", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await run(CREATE, { org, role: "PARTNER", name: "ERP", expiresAt }, ADMIN);
    expect(created.errors).toBeUndefined();
    const { id, key } = created.data?.createApiKey as { id: string; key: string };
    expect(key).toMatch(new RegExp(`^tgk_${id}_`));

    const listed = await run(LIST, { org }, ADMIN);
    expect(listed.data?.apiKeys).toEqual([
      {
        id,
        name: "ERP",
        organizationId: org,
        role: "PARTNER",
        createdAt: expect.any(String),
        expiresAt,
        revokedAt: null,
        lastUsedAt: null,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(key.slice(-20));

    expect((await run(REVOKE, { id }, ADMIN)).data).toEqual({ revokeApiKey: true });
    expect((await run(REVOKE, { id }, ADMIN)).data).toEqual({ revokeApiKey: true });
    const afterwards = (await run(LIST, { org }, ADMIN)).data?.apiKeys as { revokedAt: string | null }[];
    expect(afterwards[0]?.revokedAt).toEqual(expect.any(String));
    expect((await service.list(org))[0]?.createdBy).toBe("env:ADMIN_API_KEY");
  });

  it("has no field that could carry a secret or its hash", () => {
    const type = schema.getType("ApiKey");
    if (!isObjectType(type)) throw new Error("ApiKey is not an object type");
    expect(Object.keys(type.getFields()).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "organizationId", "revokedAt", "role"].sort(),
    );
  });

  it("refuses every other role with FORBIDDEN and no principal with UNAUTHENTICATED", async () => {
    const maker: Principal = { credentialId: "k", organizationId: org, role: "MANUFACTURER", kind: "API_KEY" };
    for (const [query, variables] of [
      [CREATE, { org, role: "ADMIN" }],
      [LIST, { org }],
      [REVOKE, { id: "0123456789abcdef0123" }],
    ] as const) {
      expect((await run(query, variables, maker)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await run(query, variables)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect(await service.list(org)).not.toContainEqual(expect.objectContaining({ role: "ADMIN" }));
  });

  it("answers an unknown organisation with NOT_FOUND and an unknown key with NOT_FOUND", async () => {
    const created = await run(CREATE, { org: randomUscc(), role: "PARTNER" }, ADMIN);
    expect(created.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const revoked = await run(REVOKE, { id: "0123456789abcdef0123" }, ADMIN);
    expect(revoked.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses a role outside AccessRole before the resolver runs", async () => {
    const result = await run(CREATE, { org, role: "OWNER" }, ADMIN);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
