import { RAW_SCAN_CHECK, RAW_SCAN_CHECK_BARE } from "../baselines/raw-cypher.js";
import { SupplyChain } from "../generate/supply-chain.js";
import type { BenchContext } from "../lib/context.js";
import { graphql } from "../lib/http-client.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { interleave, median, timed } from "../lib/stats.js";
import { assertSameAnswer, type AnswerSets } from "../lib/same-answer.js";

/**
 * diversion.scan: a market scan written and judged for diversion (防窜) through recordScan over HTTP, against one raw
 * Cypher statement writing the same records (the scan, the judgement, and for a broken rule the alert with its state,
 * its first history entry and who may list it). Each repetition scans a different item of a lot whose items were
 * shipped three times, so the judgement walks real shipments. Before timing, both sides scan one item and the row
 * refuses to report unless they wrote the same records. The raw statement without the alert's state, history and
 * sightings (this row's baseline before) is timed too, against ours again, and kept in the details.
 */
const SCANNED_AT = "2024-12-01T08:00:00.000Z";
const REGION = "440301";

const RECORD_SCAN = `mutation Scan($input: ScanInput!) {
  recordScan(input: $input) { alerts { rule objectKey responsibleOrganization { id } evidence } }
}`;

function scanDocument(key: string): string {
  return JSON.stringify({ code: key, regionCode: REGION, scannedAt: SCANNED_AT, role: "CONSUMER" });
}

/**
 * Every scan of `key` with what it wrote, each id named by its part (the alert's id is its scan's id, a sighting's id
 * the alert's): the scan's judgement, the alert, its history and its sightings. Bookkeeping (times of writing, the
 * event's JSON) is not compared.
 */
const WRITTEN_SCANS = `
MATCH (:Obj {key: $key})<-[:OF]-(s:Scan) WHERE s.eventId IN $eventIds
OPTIONAL MATCH (a:Alert)-[:RAISED_BY]->(s)
RETURN s.rule AS rule, s.responsibleOrgId AS responsible, s.authorizedRegions AS regions, s.regionCode AS region,
       s.at = a.scannedAt AS scannedAtKept, a.id = s.id AS alertIdIsScanId,
       a {.rule, .objectKey, .scanRegion, .responsibleOrgId, .authorizedRegions, .evidence, .shipmentEventId,
          .state} AS alert,
       [(a)-[:HAS_TRANSITION]->(t:AlertTransition) | [t.state, t.note, t.actor, t.actorOrganizationId,
                                                     t.alertId = a.id]] AS history,
       [(o:Organization)-[v:SEES_ALERT]->(a) | [o.id, v.party, v.at = a.scannedAt, v.id = a.id]] AS sightings`;

async function writtenScans(ctx: BenchContext, key: string, eventIds: readonly string[]): Promise<string[]> {
  const session = ctx.driver.session({ defaultAccessMode: "READ" });
  try {
    const result = await session.run(WRITTEN_SCANS, { key, eventIds });
    return result.records.map((r) => {
      const sorted = (value: unknown) => JSON.stringify(Array.isArray(value) ? [...value].map(String).sort() : value);
      const alert = r.get("alert") as Record<string, unknown> | null;
      const alertText = alert
        ? Object.keys(alert)
            .sort()
            .map((k) => `${k}=${k === "authorizedRegions" ? sorted(alert[k]) : JSON.stringify(alert[k])}`)
            .join(" ")
        : "no alert";
      return [
        `rule=${String(r.get("rule"))} responsible=${String(r.get("responsible"))} regions=${sorted(r.get("regions"))}`,
        `region=${String(r.get("region"))} alert: ${alertText} scannedAtKept=${String(r.get("scannedAtKept"))}`,
        `alertIdIsScanId=${String(r.get("alertIdIsScanId"))} history=${sorted((r.get("history") as unknown[]).map((h) => JSON.stringify(h)))}`,
        `sightings=${sorted((r.get("sightings") as unknown[]).map((v) => JSON.stringify(v)))}`,
      ].join(" ");
    });
  } finally {
    await session.close();
  }
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
  // The last item is scanned by both sides for the check; the timed scans take the others in turn.
  const probe = items.pop();
  if (!probe || items.length === 0) throw new Error("no items to scan");
  let next = 0;
  const nextItem = () => items[next++ % items.length] ?? "";
  let rawEvents = 0;

  const scanOurs = (key: string, scanId?: string) =>
    graphql(ctx.ours.url, RECORD_SCAN, {
      input: { code: key, regionCode: REGION, scannedAt: SCANNED_AT, role: "CONSUMER", ...(scanId ? { scanId } : {}) },
    });
  const scanRaw = async (cypher: string, key: string, eventId?: string) => {
    const session = ctx.driver.session();
    try {
      await session.executeWrite((tx) =>
        tx.run(cypher, {
          objectKey: key,
          eventId: eventId ?? `native:scan:bench-raw-${ctx.stamp}-${rawEvents++}`,
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

  // The same item scanned by both sides (two events): the two scans must have written the same records. The item may
  // have been scanned before (the chain's consumer scans), so the two scans are picked by their event ids.
  const probeIds = [`bench-probe-ours-${ctx.stamp}`, `native:scan:bench-probe-raw-${ctx.stamp}`] as const;
  await scanOurs(probe, probeIds[0]);
  await scanRaw(RAW_SCAN_CHECK, probe, probeIds[1]);
  const written = await writtenScans(ctx, probe, [`native:scan:${probeIds[0]}`, probeIds[1]]);
  if (written.length !== 2) throw new Error(`diversion.scan: the probe item has ${written.length} new scans, not 2`);
  const [oursWrote, rawWrote] = written as [string, string];
  const asSets = (text: string): AnswerSets => ({ scan: new Set([text]) });
  assertSameAnswer("diversion.scan.latency_vs_raw_cypher", asSets(oursWrote), asSets(rawWrote));

  const samples = await interleave({
    warmup: ctx.reps.warmup,
    runs: ctx.reps.runs * 2,
    ours: () => timed(() => scanOurs(nextItem())),
    baseline: () => timed(() => scanRaw(RAW_SCAN_CHECK, nextItem())),
  });
  const bare = await interleave({
    warmup: ctx.reps.warmup,
    runs: ctx.reps.runs * 2,
    ours: () => timed(() => scanOurs(nextItem())),
    baseline: () => timed(() => scanRaw(RAW_SCAN_CHECK_BARE, nextItem())),
  });
  const oursMs = median(samples.ours);
  const rawMs = median(samples.baseline);
  const bareRatio = median(bare.ours) / median(bare.baseline);
  ctx.log(
    `  scan + judgement: ours ${oursMs.toFixed(1)} ms, raw (same records) ${rawMs.toFixed(1)} ms; against the raw alert alone ${bareRatio.toFixed(2)}`,
  );
  return measureResult(
    "diversion.scan.latency_vs_raw_cypher",
    { ours: oursMs, baseline: rawMs, unit: "ms (p50)", scale: ctx.mode, runs: ctx.reps.runs * 2 },
    {
      details: {
        samples: { ours: samples.ours.map((v) => round(v)), baseline: samples.baseline.map((v) => round(v)) },
        againstAlertAlone: {
          ratio: round(bareRatio),
          ours: round(median(bare.ours)),
          baseline: round(median(bare.baseline)),
        },
      },
      note:
        "ours = recordScan mutation over HTTP (scan written and judged, alerts returned); raw = one statement writing " +
        "the same records (alert state, first history entry, SEES_ALERT sightings), checked equal on a probe item " +
        `first; against a raw statement writing the alert alone: ${round(bareRatio)}`,
    },
  );
}
