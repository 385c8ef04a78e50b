import neo4j from "neo4j-driver";
import { recallSummary } from "../../src/graph/recall.queries.js";
import { recordScan } from "../../src/graph/scan.queries.js";
import { traceObjects } from "../../src/graph/trace.queries.js";
import { RAW_RECALL, RAW_SCAN_CHECK, rawTraceCypher } from "../baselines/raw-cypher.js";
import type { BenchContext } from "../lib/context.js";
import { profileQueries, writeProfiles, type ProfiledQuery } from "../lib/profile.js";
import { TRACE_LIMIT } from "./trace-client.js";

/** PROFILE plans of our Cypher (as the repositories build it) next to the baselines', one file per question. */
export async function writeCypherProfiles(ctx: BenchContext): Promise<string[]> {
  const { tree, dag } = ctx.roots;
  const fetch = neo4j.int(TRACE_LIMIT + 1);
  /**
   * Ours is one statement when the answer is complete (every answer profiled here): the objects with their
   * neighbours and shipments. A truncated answer adds `traceEdgesQuery` for the edges among the kept objects.
   */
  const trace = async (label: string, key: string, direction: "DOWNSTREAM" | "UPSTREAM", depth: number) => {
    const ours = traceObjects({ key, direction, maxDepth: depth, limit: TRACE_LIMIT });
    const queries: ProfiledQuery[] = [
      { label: `ours: ${label}`, cypher: ours.cypher, params: ours.params },
      { label: `raw: ${label}`, cypher: rawTraceCypher(direction, depth), params: { key, fetch } },
    ];
    return queries;
  };
  const summary = recallSummary(dag.productLot);
  const scanKey = tree.item;
  const scanId = `native:scan:profile-${ctx.stamp}`;
  const at = "2024-12-01T08:00:00.000Z";
  const ourScan = recordScan(
    {
      event: {
        eventId: scanId,
        eventTime: at,
        recordTime: at,
        props: { type: "NativeScan", action: "OBSERVE", bizStep: "retail_selling", objectKeys: [scanKey] },
      },
      scan: {
        id: `${scanId}|${scanKey}`,
        eventId: scanId,
        objectKey: scanKey,
        at,
        bizStep: "retail_selling",
        role: "CONSUMER",
        regionCode: "440301",
      },
      objectKind: "ITEM",
    },
    `profile-${ctx.stamp}`,
  );
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
        {
          label: "ours: recall counts, organisations and first page, product lot",
          cypher: summary.cypher,
          params: summary.params,
        },
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
          label: "ours: recordScan, the scan written and judged in one statement (rolled back)",
          cypher: ourScan.cypher,
          params: ourScan.params,
          write: true,
        },
        {
          label: "raw: scan written and judged in one statement (rolled back)",
          cypher: RAW_SCAN_CHECK,
          params: {
            objectKey: scanKey,
            eventId: scanId,
            at,
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
