import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { AccessRole } from "../access/access-role.js";
import type { ApiKeyService } from "../access/api-key.service.js";
import type { Principal } from "../access/principal.js";
import { requireRole } from "../access/require-role.js";
import { ApiKey } from "./types/api-key.type.js";
import { CreatedApiKey } from "./types/created-api-key.type.js";

/**
 * What these resolvers read from the request context: the authenticated principal and the key service. AppContext
 * has both once access is wired in (principal from the authenticate middleware, apiKeys among the services).
 */
export interface ApiKeyContext {
  principal?: Principal | null;
  services: { apiKeys: ApiKeyService };
}

/** API keys (API-CONTRACT §6): ADMIN only. */
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: "API keys of one organisation, or all; newest first; never their secrets." })
  async apiKeys(
    @Arg("organizationId", () => String, { nullable: true }) organizationId: string | null | undefined,
    @Ctx() ctx: ApiKeyContext,
  ): Promise<ApiKey[]> {
    requireRole(ctx.principal, AccessRole.ADMIN);
    return ctx.services.apiKeys.list(organizationId ?? null);
  }

  @Mutation(() => CreatedApiKey, { description: "A key for a registered organisation and a role, shown once." })
  async createApiKey(
    @Arg("organizationId", () => String) organizationId: string,
    @Arg("role", () => AccessRole) role: AccessRole,
    @Arg("name", () => String, { nullable: true }) name: string | null | undefined,
    @Arg("expiresAt", () => GraphQLDateTime, { nullable: true }) expiresAt: Date | null | undefined,
    @Ctx() ctx: ApiKeyContext,
  ): Promise<CreatedApiKey> {
    const admin = requireRole(ctx.principal, AccessRole.ADMIN);
    const request = { organizationId, role, name, expiresAt, createdBy: admin.credentialId };
    const { id, key } = await ctx.services.apiKeys.create(request);
    return { id, key };
  }

  @Mutation(() => Boolean, { description: "Revoke a key at once; revoking it again is a no-op. NOT_FOUND if unknown." })
  async revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiKeyContext): Promise<boolean> {
    const admin = requireRole(ctx.principal, AccessRole.ADMIN);
    await ctx.services.apiKeys.revoke(id, admin.credentialId);
    return true;
  }
}
