import neo4j from "neo4j-driver";
import { JUDGE_SCANS } from "../../src/graph/diversion.queries.js";
import { MERGE_SCANS } from "../../src/graph/flow-write.queries.js";
import { recallObjectsPageQuery, recallSummaryQuery } from "../../src/graph/recall.queries.js";
import { traceEdgesQuery, traceQuery } from "../../src/graph/trace.queries.js";
import { RAW_RECALL, RAW_SCAN_CHECK, rawTraceCypher } from "../baselines/raw-cypher.js";
import type { BenchContext } from "../lib/context.js";
import { profileQueries, writeProfiles, type ProfiledQuery } from "../lib/profile.js";
import { TRACE_LIMIT } from "./trace-client.js";

/** PROFILE plans of our Cypher (as the repositories build it) next to the baselines', one file per question. */
export async function writeCypherProfiles(ctx: BenchContext): Promise<string[]> {
  const { tree, dag } = ctx.roots;
  const fetch = neo4j.int(TRACE_LIMIT + 1);
  /** Ours is two statements in one transaction (objects, then the edges among them); both are profiled. */
  const trace = async (label: string, key: string, direction: "DOWNSTREAM" | "UPSTREAM", depth: number) => {
    const ours = traceQuery({ key, direction, maxDepth: depth, limit: TRACE_LIMIT });
    const found = await ctx.driver.executeQuery(ours.cypher, ours.params);
    const edges = traceEdgesQuery(
      found.records.map((r) => String(r.get("key"))),
      {},
    );
    const queries: ProfiledQuery[] = [
      { label: `ours (1/2, objects): ${label}`, cypher: ours.cypher, params: ours.params },
      { label: `ours (2/2, edges among them): ${label}`, cypher: edges.cypher, params: edges.params },
      { label: `raw: ${label}`, cypher: rawTraceCypher(direction, depth), params: { key, fetch } },
    ];
    return queries;
  };
  const summary = recallSummaryQuery(dag.productLot);
  const page = recallObjectsPageQuery(dag.productLot, 100, null);
  const scanKey = tree.item;
  const scanId = `native:scan:profile-${ctx.stamp}`;
  const groups: [string, ProfiledQuery[]][] = [
    [
      "trace-downstream",
      [
        ...(await trace("downstream, product lot, depth 16", dag.productLot, "DOWNSTREAM", 16)),
        ...(await trace("downstream, DAG raw material lot, depth 16", dag.rawLot, "DOWNSTREAM", 16)),
      ],
    ],
    ["trace-upstream", await trace("upstream, item, depth 16", dag.item, "UPSTREAM", 16)],
    [
      "nested",
      [
        ...(await trace("downstream, tree raw material lot, depth 5", tree.rawLot, "DOWNSTREAM", 5)),
        ...(await trace("downstream, DAG raw material lot, depth 5", dag.rawLot, "DOWNSTREAM", 5)),
      ],
    ],
    [
      "recall",
      [
        { label: "ours: recall summary, product lot", cypher: summary.cypher, params: summary.params },
        { label: "ours: recall first page, product lot", cypher: page.cypher, params: page.params },
        {
          label: "raw: recall page + counts, product lot",
          cypher: RAW_RECALL,
          params: { key: dag.productLot, fetch: neo4j.int(101) },
        },
      ],
    ],
    [
      "diversion",
      [
        {
          label: "ours: JUDGE_SCANS for one new scan (after MERGE_SCANS in the same rolled-back transaction)",
          cypher: JUDGE_SCANS,
          params: { scanIds: [`${scanId}|${scanKey}`] },
          write: true,
          prepare: async (tx) => {
            await tx.run(MERGE_SCANS, {
              rows: [
                {
                  eventId: scanId,
                  objectKey: scanKey,
                  locationId: null,
                  regionCode: "440301",
                  at: "2024-12-01T08:00:00.000Z",
                  bizStep: "retail_selling",
                  role: "CONSUMER",
                },
              ],
            });
          },
        },
        {
          label: "raw: scan written and judged in one statement (rolled back)",
          cypher: RAW_SCAN_CHECK,
          params: {
            objectKey: scanKey,
            eventId: scanId,
            at: "2024-12-01T08:00:00.000Z",
            bizStep: "retail_selling",
            role: "CONSUMER",
            regionCode: "440301",
            document: "{}",
          },
          write: true,
        },
      ],
    ],
  ];
  const files: string[] = [];
  for (const [name, queries] of groups)
    files.push(writeProfiles(`${ctx.mode}-cypher-${name}`, await profileQueries(ctx.driver, queries)));
  return files;
}
