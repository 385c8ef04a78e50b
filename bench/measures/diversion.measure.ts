import { RAW_SCAN_CHECK } from "../baselines/raw-cypher.js";
import { emptyWritePlan } from "../../src/graph/flow-model.js";
import { SupplyChain } from "../generate/supply-chain.js";
import type { BenchContext } from "../lib/context.js";
import { graphql } from "../lib/http-client.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { interleave, median, timed } from "../lib/stats.js";
import { createRepositories } from "../../src/root/composition-root.js";

/**
 * diversion.scan: a market scan written and judged for diversion (防窜) — recordScan over HTTP when the producer's
 * API is in the schema, else the same write path in-process (FlowWriterRepository.write of the scan's plan) — against one raw
 * Cypher statement doing the same writes and the same judgement. Each repetition scans a different item of a lot
 * whose items were shipped three times, so the judgement walks real shipments.
 */
const SCANNED_AT = "2024-12-01T08:00:00.000Z";
const REGION = "440301";

const RECORD_SCAN = `mutation Scan($input: ScanInput!) {
  recordScan(input: $input) { alerts { rule objectKey responsibleOrganization { id } evidence } }
}`;

function scanDocument(key: string): string {
  return JSON.stringify({ code: key, regionCode: REGION, scannedAt: SCANNED_AT, role: "CONSUMER" });
}

export async function diversionMeasure(ctx: BenchContext): Promise<MeasureResult> {
  const spec = ctx.datasets.find((d) => d.variant === "dag") ?? ctx.datasets[0];
  if (!spec) throw new Error("no dataset");
  const chain = new SupplyChain(spec.config);
  // Items of two lots near the middle: shipped three times each, none scanned by this measure before in this run.
  const items = [
    ...chain.itemKeys(Math.floor(spec.config.lots / 2) + 1),
    ...chain.itemKeys(Math.floor(spec.config.lots / 2) + 2),
  ];
  let next = 0;
  const nextItem = () => items[next++ % items.length] ?? "";
  const viaApi = ctx.capabilities.has("recordScan");
  const writer = createRepositories(ctx.executor).flowWriter;

  const ours = async () => {
    const key = nextItem();
    if (viaApi) {
      await graphql(ctx.ours.url, RECORD_SCAN, {
        input: { code: key, regionCode: REGION, scannedAt: SCANNED_AT, role: "CONSUMER" },
      });
      return;
    }
    const eventId = `native:scan:bench-${ctx.stamp}-${next}`;
    const plan = emptyWritePlan();
    plan.events.push({
      eventId,
      type: "NativeScan",
      eventTime: SCANNED_AT,
      recordTime: new Date().toISOString(),
      action: "OBSERVE",
      bizStep: "retail_selling",
      objectKeys: [key],
      document: scanDocument(key),
      hashedId: false,
    });
    plan.scans.push({
      eventId,
      objectKey: key,
      regionCode: REGION,
      at: SCANNED_AT,
      bizStep: "retail_selling",
      role: "CONSUMER",
    });
    await writer.write(plan);
  };
  const raw = async () => {
    const key = nextItem();
    const session = ctx.driver.session();
    try {
      await session.executeWrite((tx) =>
        tx.run(RAW_SCAN_CHECK, {
          objectKey: key,
          eventId: `native:scan:bench-raw-${ctx.stamp}-${next}`,
          at: SCANNED_AT,
          bizStep: "retail_selling",
          role: "CONSUMER",
          regionCode: REGION,
          document: scanDocument(key),
        }),
      );
    } finally {
      await session.close();
    }
  };
  const samples = await interleave({
    warmup: ctx.reps.warmup,
    runs: ctx.reps.runs * 2,
    ours: () => timed(ours),
    baseline: () => timed(raw),
  });
  const oursMs = median(samples.ours);
  const rawMs = median(samples.baseline);
  ctx.log(
    `  scan + judgement: ours ${oursMs.toFixed(1)} ms, raw ${rawMs.toFixed(1)} ms${viaApi ? "" : " (ours via FlowWriterRepository)"}`,
  );
  return measureResult(
    "diversion.scan.latency_vs_raw_cypher",
    { ours: oursMs, baseline: rawMs, unit: "ms (p50)", scale: ctx.mode, runs: ctx.reps.runs * 2 },
    {
      details: {
        samples: { ours: samples.ours.map((v) => round(v)), baseline: samples.baseline.map((v) => round(v)) },
      },
      note: viaApi
        ? "ours = recordScan mutation over HTTP (scan written and judged, alerts returned)"
        : "recordScan is not in the schema yet (src/producer not wired): ours = FlowWriterRepository.write of the scan's WritePlan in-process, the write-and-judge path recordScan uses; re-run when the mutation lands",
    },
  );
}
