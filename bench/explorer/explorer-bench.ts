import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { loadConfig } from "../../src/root/config.js";
import { createApplication } from "../../src/root/composition-root.js";
import { createApp } from "../../src/server/app.js";
import { buildAppSchema } from "../../src/server/schema.js";
import { ROUTES } from "../../src/server/routes.js";
import { OPERATOR } from "../../src/access/principal.js";
import { TraceCodeType } from "../../src/codes/index.js";
import { TraceMode } from "../../src/producer/producer-enums.js";
import { NotFoundError } from "../../src/errors/app-errors.js";
import type { Services } from "../../src/root/services.js";
import { loadDemo } from "../../seeds/demo.seed.js";
import { DEMO_IDS } from "../../seeds/demo-organizations.js";
import { buildExplorer, launchChromium } from "../../test/e2e/browser.js";

/**
 * The trace explorer's speed (issue 17): in headless Chromium (Debian's), a downstream trace of a lot with 5,000 items
 * is searched, fetched, drawn and interactive (the page's `graph:drawn` mark, after the first frame), and a lot of
 * 20,000 items is panned and zoomed while the frames the page paints are counted. Own Neo4j unless NEO4J_URI is set
 * (bolt://127.0.0.1:7752, .neo4j-data/explorer-bench). Results: bench/results/explorer-latest.{json,md}.
 *
 *   npm run bench:explorer [-- --runs 5]
 */

process.env.NEO4J_BOLT_PORT ??= "7752";
process.env.NEO4J_DATA_DIR ??= ".neo4j-data/explorer-bench";
const adminKey = `bench-${randomBytes(24).toString("hex")}`;
const SIZES = [5_000, 20_000];
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
/** `--profile`: one extra draw of each size under Chrome's CPU profiler, summarised by self time. */
const profile = process.argv.includes("--profile");

async function main(): Promise<void> {
  // A profile names the page's functions: that build is not minified.
  buildExplorer(profile ? ["--minify", "false"] : []);
  const config = loadConfig({
    ...process.env,
    ADMIN_API_KEY: adminKey,
    LOG_LEVEL: "silent",
    ISSUE_INLINE_LIMIT: "100000",
    JOB_CONCURRENCY: "0",
  });
  const application = createApplication({ config, startLocalDatabase: true, queryTimeoutMs: 120_000 });
  await application.migrate();
  const services = application.services;
  await loadDemo(services);
  const lots = new Map<number, string>();
  for (const size of SIZES) lots.set(size, await lotWithItems(services, size));

  const app = await createApp(services, await buildAppSchema(), application.readiness, {
    authenticator: await application.authenticator(),
    routes: ROUTES,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    runs,
    chromium: browser.version(),
    loadAverageAtStart: loadavg()[0],
  };
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${base}/app/`);
    await page.locator('input[name="apiKey"]').fill(adminKey);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId("who").waitFor();
    for (const size of SIZES) {
      const samples: { totalMs: number; drawMs: number; apiMs: number; nodes: number }[] = [];
      for (let run = 0; run < runs; run++) samples.push(await drawTrace(page, lots.get(size) as string));
      // For a person to look at (git-ignored): the drawn trace, then after the pan/zoom.
      mkdirSync("test-results/app", { recursive: true });
      await page.screenshot({ path: `test-results/app/bench-n${size}.png` });
      const fps = await panZoomFps(page);
      await page.waitForTimeout(300);
      // A full redraw of the whole graph in view (the large canvas measures each; it draws one once input stops).
      const repaintMs = await page.evaluate(() => {
        const w = globalThis as unknown as { performance: { getEntriesByName(n: string): { duration: number }[] } };
        const paints = w.performance.getEntriesByName("graph:paint").map((e) => e.duration);
        return paints.length ? Math.round(paints[paints.length - 1] as number) : null;
      });
      await page.screenshot({ path: `test-results/app/bench-n${size}-moved.png` });
      if (profile) await profileDraw(page, lots.get(size) as string, size);
      results[`n${size}`] = {
        nodes: samples[0]?.nodes,
        searchToInteractiveMs: median(samples.map((s) => s.totalMs)),
        apiMs: median(samples.map((s) => s.apiMs)),
        drawMs: median(samples.map((s) => s.drawMs)),
        samplesMs: samples.map((s) => Math.round(s.totalMs)),
        panZoomFps: fps,
        repaintMs,
      };
      console.log(`${size} items:`, JSON.stringify(results[`n${size}`]));
    }
  } finally {
    await browser.close();
    await app.apollo.stop();
    await application.close();
  }
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/explorer-latest.json", JSON.stringify(results, null, 2) + "\n");
  writeFileSync("bench/results/explorer-latest.md", report(results));
}

/** A released-style lot of `size` item codes under the demo cable maker (made once, found again by its id). */
async function lotWithItems(services: Services, size: number): Promise<string> {
  const p = services.producer;
  const productId = `bench-explorer-${size}`;
  const product = await p.products.product(productId).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (!product) {
    await p.products.registerProduct(
      {
        id: productId,
        manufacturerId: DEMO_IDS.cableMaker,
        name: "基准测试电缆",
        brand: "粤缆",
        model: `BENCH-${size}`,
        category: "电线电缆",
        traceMode: TraceMode.PER_ITEM,
        standardNo: "GB/T 5023.3-2008",
      },
      OPERATOR,
    );
  }
  const batchId = `${productId}:B${size}`;
  let batch = await p.batches.batch(batchId).catch(() => null);
  if (!batch) {
    batch = await p.batches.createBatch(
      {
        productId,
        batchNo: `B${size}`,
        productionDate: new Date("2026-01-10T00:00:00Z"),
        quantity: size,
        unit: "件",
        inspectionResult: "合格",
        licenceNo: "(粤)XK06-001-00188",
        cccCertNo: "2024010105678901",
      },
      OPERATOR,
    );
  }
  if (batch.codeCount < size) {
    await p.issuance.issueCodes({ batchId, count: size - batch.codeCount, codeType: TraceCodeType.ITEM }, OPERATOR);
  }
  return batch.key;
}

interface PageWindow {
  performance: {
    clearMarks(): void;
    clearMeasures(): void;
    mark(name: string): void;
    measure(name: string, start: string, end: string): { duration: number };
    getEntriesByName(name: string): { duration: number }[];
  };
  requestAnimationFrame(callback: () => void): number;
}

/** Search → API → drawn and interactive: from the click to the page's `graph:drawn` mark (after the first frame). */
async function drawTrace(
  page: Page,
  code: string,
): Promise<{ totalMs: number; drawMs: number; apiMs: number; nodes: number }> {
  await page.getByTestId("tab-trace").click();
  await page.locator('input[name="code"]').fill(code);
  await page.locator('input[name="depth"]').fill("2");
  await page.locator('input[name="limit"]').fill("100000");
  await page.locator('input[name="groupAbove"]').fill("100000");
  await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    w.performance.clearMarks();
    w.performance.clearMeasures();
    w.performance.mark("bench:search");
  });
  await page.locator('form.search button[type="submit"]').click();
  await page.locator('[data-testid="graph"][data-ready="true"]').waitFor({ timeout: 120_000 });
  for (let tries = 0; ; tries++) {
    const marks = await page.evaluate(
      () => (globalThis as unknown as PageWindow).performance.getEntriesByName("graph:drawn").length,
    );
    if (marks > 0) break;
    if (tries > 1200) throw new Error("the page never marked graph:drawn");
    await page.waitForTimeout(100);
  }
  const measured = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const total = w.performance.measure("bench:total", "bench:search", "graph:drawn").duration;
    const draw = w.performance.getEntriesByName("graph:draw").at(-1)?.duration ?? NaN;
    const api = w.performance.measure("bench:api", "bench:search", "trace:answer").duration;
    return { total, draw, api };
  });
  const nodes = Number(await page.getByTestId("graph").getAttribute("data-node-count"));
  // The next search starts from an empty page state.
  await page.locator('input[name="code"]').fill("");
  return { totalMs: measured.total, drawMs: measured.draw, apiMs: measured.api, nodes };
}

/** Frames painted per second while the graph is zoomed and panned continuously for three seconds. */
async function panZoomFps(page: Page): Promise<number> {
  const box = await page.getByTestId("graph").boundingBox();
  if (!box) throw new Error("no graph on screen");
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  // A string, not a function: tsx would wrap a named closure in a helper the page does not have.
  await page.evaluate(`(() => {
    window.benchFrames = 0;
    window.benchStop = false;
    function tick() {
      if (window.benchStop) return;
      window.benchFrames += 1;
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
  const started = Date.now();
  let step = 0;
  while (Date.now() - started < 3_000) {
    step++;
    if (step % 2 === 0) await page.mouse.wheel(0, step % 4 === 0 ? -120 : 120);
    else {
      await page.mouse.down();
      await page.mouse.move(cx + (step % 3) * 40 - 40, cy + (step % 5) * 20 - 40, { steps: 4 });
      await page.mouse.up();
    }
  }
  const frames = await page.evaluate(() => {
    const w = globalThis as unknown as { benchFrames?: number; benchStop?: boolean };
    w.benchStop = true;
    return w.benchFrames ?? 0;
  });
  return Math.round((frames / ((Date.now() - started) / 1000)) * 10) / 10;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/** One draw under the CPU profiler: where the page's main thread spent its time, heaviest functions first. */
async function profileDraw(page: Page, code: string, size: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  await drawTrace(page, code);
  await panZoomFps(page);
  const { profile: p } = (await cdp.send("Profiler.stop")) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const self = new Map<string, number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const name = frame
      ? `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
      : "?";
    self.set(name, (self.get(name) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const lines = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 60)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  mkdirSync("bench/results/profiles", { recursive: true });
  const file = `bench/results/profiles/explorer-n${size}.txt`;
  writeFileSync(file, [`# self time, one draw and 3 s of pan/zoom of ${size} items`, ...lines, ""].join("\n"));
  console.log(`profile: ${file}`);
  await cdp.detach();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? NaN);
}

function report(results: Record<string, unknown>): string {
  const rows = SIZES.map((size) => {
    const r = results[`n${size}`] as {
      nodes: number;
      searchToInteractiveMs: number;
      apiMs: number;
      drawMs: number;
      panZoomFps: number;
      repaintMs: number | null;
    };
    return `| ${size.toLocaleString("en")} items | ${r.nodes} | ${r.searchToInteractiveMs} | ${r.apiMs} | ${r.drawMs} | ${r.panZoomFps} | ${r.repaintMs ?? "–"} |`;
  });
  return [
    "# Trace explorer speed (issue 17)",
    "",
    `${results.date}, headless Chromium ${results.chromium}, 1440×900, median of ${results.runs} runs, load average`,
    `${Number(results.loadAverageAtStart).toFixed(1)} at the start (2 cores: above 2, other work shares the CPU).`,
    "Search → drawn and interactive: from the click on 查询 to the page's `graph:drawn` mark (resolveCode, the trace",
    "query, layout and the first frame). API: from the click to the trace's answer in the page (resolveCode and the",
    "trace query). Draw: the graph component alone, layout and first frame. Pan/zoom: frames painted per second while",
    "zooming and dragging for 3 s (the last full frame is moved meanwhile). Repaint: the full redraw once input stops",
    "(the last one after the pan/zoom, which ends near the fitted view). Targets: 5,000 nodes interactive < 1,500 ms; 20,000 nodes ≥ 30 fps.",
    "",
    "| Trace | Nodes drawn | Search → interactive (ms) | API (ms) | Draw (ms) | Pan/zoom (fps) | Repaint (ms) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
