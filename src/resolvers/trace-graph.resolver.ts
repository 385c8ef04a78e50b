import { FieldResolver, Resolver, Root } from "type-graphql";
import { CompactTraceEdges } from "./types/compact-trace-edges.type.js";
import { TraceGraph } from "./types/trace-graph.type.js";
import { compactEdges } from "../trace/compact-edges.js";

/** A trace's edges in their compact encoding, built only when a caller asks for it. */
@Resolver(() => TraceGraph)
export class TraceGraphResolver {
  @FieldResolver(() => CompactTraceEdges, {
    description: "`edges` as positions in `nodes` (3 short columns instead of 2 keys per edge): for large traces.",
  })
  compactEdges(@Root() graph: TraceGraph): CompactTraceEdges {
    return compactEdges(graph.nodes, graph.edges);
  }
}
