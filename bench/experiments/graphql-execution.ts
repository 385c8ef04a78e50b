import { OPERATOR } from "../../src/access/principal.js";
import { execute, parse } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { buildAppSchema } from "../../src/server/schema.js";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchApplication, benchDb, benchDriver } from "../lib/bench-db.js";
import { median, timed } from "../lib/stats.js";

async function main() {
  process.setSourceMapsEnabled(false);
  const db = benchDb("quick");
  const driver = benchDriver(db);
  const application = benchApplication(db, 60_000);
  const service = application.services.traceService;
  const [, dag] = datasets("quick", 20240301).map((s) => new SupplyChain(s.config).roots());
  if (!dag) throw new Error("datasets");
  const schema = await buildAppSchema();
  const doc = parse(
    `query T($code: String!) { downstream(code: $code, maxDepth: 16, limit: 100000) { root truncated nodes { key kind depth } edges { from to kind } } }`,
  );
  for (const key of [dag.productLot, dag.rawLot]) {
    const graph = await service.trace("DOWNSTREAM", { code: key, maxDepth: 16, limit: 100_000 }, OPERATOR);
    const ctx = { services: { traceService: { trace: async () => graph } }, loaders: {} };
    const compiled = compileQuery(schema, doc);
    if (!isCompiledQuery(compiled)) throw new Error("jit");
    const vars = { code: key };
    const js = async () => {
      const r = await execute({ schema, document: doc, contextValue: ctx, variableValues: vars });
      if (r.errors) throw r.errors[0];
      return r;
    };
    const jit = async () => {
      const r = await compiled.query(undefined, ctx, vars);
      if (r.errors) throw r.errors[0];
      return r;
    };
    const a: number[] = [],
      b: number[] = [],
      s: number[] = [];
    let last: unknown;
    for (let i = 0; i < 30; i++) {
      a.push(await timed(js));
      b.push(await timed(jit));
      last = await jit();
      s.push(await timed(async () => JSON.stringify(last)));
    }
    console.log(
      key,
      "nodes",
      (graph as { nodes: unknown[] }).nodes.length,
      "edges",
      (graph as { edges: unknown[] }).edges.length,
      "graphql-js",
      median(a.slice(5)).toFixed(2),
      "jit",
      median(b.slice(5)).toFixed(2),
      "stringify",
      median(s.slice(5)).toFixed(2),
    );
    const r1 = JSON.stringify(await js()),
      r2 = JSON.stringify(await jit());
    console.log("same answer", r1 === r2);
  }
  await application.close();
  await driver.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
