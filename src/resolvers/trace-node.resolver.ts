import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { AppContext } from "./context.js";
import { Organization } from "./types/organization.type.js";
import { TraceNode } from "./types/trace-node.type.js";
import { TraceObject } from "./types/trace-object.type.js";
import { NodeKind, type ObjectKind } from "../trace/flow-kinds.js";

/** Details of trace nodes through per-request DataLoaders: a 1,000-node answer costs one lookup per kind. */
@Resolver(() => TraceNode)
export class TraceNodeResolver {
  @FieldResolver(() => TraceObject, { nullable: true, description: "The object's details (null for organisations)." })
  async object(@Root() node: TraceNode, @Ctx() ctx: AppContext): Promise<TraceObject | null> {
    if (node.kind === NodeKind.ORGANIZATION) return null;
    const found = await ctx.loaders.object.load(node.key);
    return found ? { key: found.key, kind: found.kind as ObjectKind, details: found.properties } : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organisation (null for objects)." })
  async organization(@Root() node: TraceNode, @Ctx() ctx: AppContext): Promise<Organization | null> {
    if (node.kind !== NodeKind.ORGANIZATION) return null;
    return (
      (await ctx.loaders.organization.load(node.key)) ?? {
        id: node.key,
        name: null,
        roles: [],
        regionCode: null,
        authorizedRegions: [],
        identifiers: [],
      }
    );
  }
}
