import type { BenchContext } from "../lib/context.js";
import { oursTrace, rawTrace } from "./trace-client.js";

/**
 * A settling phase before the first measure, outside every measure's own warm-up: right after a load Neo4j is still
 * compiling and flushing and both JITs are cold, which would land on whichever measure runs first. Both sides are
 * exercised alike, over the roots the read measures use, for a bounded time (and at least one full pass).
 */
export async function warmUp(ctx: BenchContext, seconds: number): Promise<number> {
  const { tree, dag } = ctx.roots;
  const keys = [tree.item, tree.productLot, tree.rawLot, dag.item, dag.pallet, dag.productLot, dag.componentLot];
  const deadline = performance.now() + seconds * 1000;
  let passes = 0;
  do {
    for (const key of keys) {
      for (const direction of ["DOWNSTREAM", "UPSTREAM"] as const) {
        await oursTrace(ctx, direction, key, 16);
        await rawTrace(ctx, direction, key, 16);
      }
    }
    passes++;
  } while (performance.now() < deadline);
  return passes;
}
