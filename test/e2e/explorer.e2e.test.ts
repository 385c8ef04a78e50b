import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp } from "../support/test-app.js";
import { DEMO_KEYS } from "../../seeds/demo-keys.js";
import { loadDemo } from "../../seeds/demo.seed.js";
import { DEMO_IDS } from "../../seeds/demo-organizations.js";
import { OPERATOR } from "../../src/access/principal.js";
import { TraceMode } from "../../src/producer/producer-enums.js";
import { buildExplorer, launchChromium, requireChromium } from "./browser.js";

/**
 * The trace explorer (issue 17) in a real browser: Debian's chromium driven by playwright-core, against the whole
 * server on real Neo4j with the demo chain loaded. Screenshots of every view at phone and desktop widths go to
 * test-results/app/ (git-ignored) for a person to look at.
 */

// Small issuance chunks, so that issuing a few thousand codes is a job whose progress bar moves (read at start).
process.env.ISSUE_INLINE_LIMIT = "500";
process.env.ISSUE_CHUNK_SIZE = "500";

const SHOTS = "test-results/app";
const COPPER_LOT = "urn:epc:class:lgtin:6901234.100001.CU260105";
const keyOf = (name: string) => DEMO_KEYS.find((k) => k.name === name)?.key as string;
const REGULATOR = keyOf("demo: provincial market regulator");
const CABLE_MAKER = keyOf("demo: cable maker");
/** The test's own product of the demo cable maker: its batches leave the demo's as they are. */
const E2E_PRODUCT = "e2e-explorer-cable";

let browser: Browser;
let app: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  requireChromium();
  buildExplorer();
  app = await startTestApp();
  await loadDemo(app.services);
  const products = app.services.producer.products;
  if (!(await products.product(E2E_PRODUCT).catch(() => null))) {
    await products.registerProduct(
      {
        id: E2E_PRODUCT,
        manufacturerId: DEMO_IDS.cableMaker,
        name: "端到端测试电缆",
        brand: "粤缆",
        model: "E2E BV 1×1.5mm²",
        category: "电线电缆",
        traceMode: TraceMode.PER_ITEM,
        standardNo: "GB/T 5023.3-2008",
      },
      OPERATOR,
    );
  }
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.app.apollo.stop();
});

async function gql<T>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${app.base}/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function signIn(context: BrowserContext, key: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.base}/app/`);
  await page.locator('input[name="apiKey"]').fill(key);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId("who").waitFor();
  return page;
}

async function shot(page: Page, name: string, width: number): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
}

/** What the drawn graph holds, from the attributes the canvas sets once it is laid out. */
async function drawn(page: Page, testId: string): Promise<{ nodes: number; highlighted: number }> {
  const graph = page.locator(`[data-testid="${testId}"][data-ready="true"]`);
  await graph.waitFor();
  return {
    nodes: Number(await graph.getAttribute("data-node-count")),
    highlighted: Number(await graph.getAttribute("data-highlighted")),
  };
}

async function searchTrace(page: Page, code: string, groupAbove: number): Promise<void> {
  await page.getByTestId("tab-trace").click();
  await page.locator('input[name="groupAbove"]').fill(String(groupAbove));
  await page.locator('input[name="code"]').fill(code);
  await page.locator('form.search button[type="submit"]').click();
  await page.getByTestId("object-card").waitFor();
}

describe("trace explorer at /app", () => {
  it("signs in, traces with clusters, downloads a recall, shows an alert's evidence, signs out", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${app.base}/app/`);
    await shot(page, "sign-in", 1440);
    // A wrong key is refused and not kept.
    await page.locator('input[name="apiKey"]').fill("tgk_00000000000000000000_not-a-key-not-a-key-not-a-key-xx");
    await page.locator('button[type="submit"]').click();
    await page.getByTestId("sign-in-error").waitFor();
    expect(await page.evaluate('sessionStorage.getItem("tracegraph.apiKey")')).toBeNull();
    await page.locator('input[name="apiKey"]').fill(REGULATOR);
    await page.locator('button[type="submit"]').click();
    expect(await page.getByTestId("who").textContent()).toContain("广东省市场监督管理局");

    // Trace: the graph draws exactly what the API answers for the same query (nodes and "+N" clusters).
    await searchTrace(page, COPPER_LOT, 2);
    const first = await drawn(page, "graph");
    const api = await gql<{
      downstream: { root: string; nodes: unknown[]; clusters: { id: string; count: number }[] };
    }>(
      REGULATOR,
      `query($code: String!) { downstream(code: $code, maxDepth: 8, groupAbove: 2) { root nodes { key } clusters { id count } } }`,
      { code: COPPER_LOT },
    );
    expect(api.downstream.clusters.length).toBeGreaterThan(0);
    expect(first.nodes).toBe(api.downstream.nodes.length + api.downstream.clusters.length);
    await shot(page, "trace", 1440);
    // The SVG export holds every drawn node and edge.
    const svg = await downloadSvg(page);
    expect(count(svg, '<g class="node"')).toBe(first.nodes);
    expect(count(svg, '<line class="edge"')).toBe(
      Number(await page.getByTestId("graph").getAttribute("data-edge-count")),
    );

    // Opening a cluster on the canvas asks the server for it: the graph grows by its members (and what they reach).
    const cluster = api.downstream.clusters[0] as { id: string; count: number };
    await clickNode(page, "graph", `cluster:${cluster.id}`);
    await page.locator(`[data-testid="graph"][data-ready="true"]:not([data-node-count="${first.nodes}"])`).waitFor();
    const opened = await gql<{ downstream: { nodes: unknown[]; clusters: unknown[] } }>(
      REGULATOR,
      `query($code: String!, $expand: [String!]) { downstream(code: $code, maxDepth: 8, groupAbove: 2, expand: $expand) { nodes { key } clusters { id } } }`,
      { code: COPPER_LOT, expand: [cluster.id] },
    );
    const openedCount = opened.downstream.nodes.length + opened.downstream.clusters.length;
    expect((await drawn(page, "graph")).nodes).toBe(openedCount);
    await shot(page, "trace-expanded", 1440);

    // The table shows the same nodes.
    await page.getByRole("button", { name: "表格" }).click();
    expect(await page.getByTestId("trace-table-count").textContent()).toBe(`${openedCount} / ${openedCount}`);
    await shot(page, "trace-table", 1440);

    // Recall: the CSV downloaded from the page lists every affected object.
    await page.getByTestId("tab-recall").click();
    await page.locator('input[name="recallCode"]').fill(COPPER_LOT);
    await page.locator('form.search button[type="submit"]').click();
    await page.getByTestId("recall-stats").waitFor();
    await page.getByTestId("region-tree").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("recall-csv").click()]);
    const csv = readFileSync((await download.path()) as string, "utf8");
    const impact = await gql<{ recallImpact: { totalCount: number } }>(
      REGULATOR,
      `query($code: String!) { recallImpact(code: $code) { totalCount } }`,
      { code: COPPER_LOT },
    );
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain("key,kind,tier");
    expect(lines.length - 1).toBe(impact.recallImpact.totalCount);
    await shot(page, "recall", 1440);

    // Diversion: an alert's evidence path is drawn and highlighted on the graph.
    await page.getByTestId("tab-diversion").click();
    await page.locator('[data-testid="alerts"] tbody tr').first().click();
    await page.getByTestId("evidence").waitFor();
    const evidence = await page.locator(".path li").allTextContents();
    expect(evidence.length).toBeGreaterThan(0);
    const evidenceGraph = await drawn(page, "evidence-graph");
    expect(evidenceGraph.highlighted).toBe(new Set(evidence).size);
    await page.getByTestId("flow-matrix").waitFor();
    await page.getByTestId("leak-ranking").waitFor();
    await shot(page, "diversion", 1440);

    // Signing out forgets the key.
    await page.getByTestId("sign-out").click();
    await page.locator('input[name="apiKey"]').waitFor();
    expect(await page.evaluate('sessionStorage.getItem("tracegraph.apiKey")')).toBeNull();
    await context.close();
  }, 120_000);

  it("lets a maker create a batch checked field by field and issue codes while the progress bar moves", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await signIn(context, CABLE_MAKER);
    await page.getByTestId("tab-producer").click();
    await page.locator('select[name="product"]').selectOption(E2E_PRODUCT);
    const form = page.getByTestId("create-batch");
    await form.waitFor();
    // Inline checks, field by field, before anything is sent.
    await form.locator('input[name="quantity"]').fill("0");
    await form.locator('input[name="quantity"]').blur();
    await page.getByTestId("error-quantity").waitFor();
    await form.locator('input[name="inspectionResult"]').fill("passed");
    await form.locator('input[name="inspectionResult"]').blur();
    await page.getByTestId("error-inspectionResult").waitFor();
    const batchNo = `E2E-${Date.now().toString(36).toUpperCase()}`;
    await form.locator('input[name="batchNo"]').fill(batchNo);
    await form.locator('input[name="quantity"]').fill("3000");
    await form.locator('input[name="inspectionResult"]').fill("合格");
    // The cable category asks for a production licence and a CCC certificate: their fields are there, checked too.
    await form.locator('input[name="licenceNo"]').fill("XK06");
    await form.locator('input[name="licenceNo"]').blur();
    await page.getByTestId("error-licenceNo").waitFor();
    await form.locator('input[name="licenceNo"]').fill("(粤)XK06-001-00188");
    await form.locator('input[name="cccCertNo"]').fill("2024010105678901");
    await form.locator('button[type="submit"]').click();
    await page.getByTestId("created").waitFor();
    await shot(page, "producer", 1440);

    await page.locator('[data-testid="batches"] tbody tr', { hasText: batchNo }).click();
    await page.getByTestId("batch-panel").waitFor();
    await page.locator('input[name="issueCount"]').fill("3000");
    await page.getByTestId("issue").click();
    const progress = page.getByTestId("issue-progress");
    await progress.waitFor();
    const seen = new Set<string>();
    for (;;) {
      const status = await progress.getAttribute("data-status");
      seen.add(`${status}:${await progress.getAttribute("data-done")}`);
      if (status !== "RUNNING") break;
      await page.waitForTimeout(100);
    }
    expect(await progress.getAttribute("data-status")).toBe("DONE");
    expect(await progress.getAttribute("data-done")).toBe("3000");
    // It was a job, seen running before it was done.
    expect([...seen].some((s) => s.startsWith("RUNNING:"))).toBe(true);
    await shot(page, "producer-issued", 1440);

    // A trace of 3,001 nodes is drawn by the large-graph canvas: all of it, clickable, exportable.
    const key = (
      await gql<{ batch: { key: string } }>(CABLE_MAKER, `query($id: ID!) { batch(id: $id) { key } }`, {
        id: `${E2E_PRODUCT}:${batchNo}`,
      })
    ).batch.key;
    await searchTrace(page, key, 100000);
    const large = page.locator('[data-testid="graph"][data-ready="true"]');
    await large.waitFor();
    expect(await large.getAttribute("data-renderer")).toBe("canvas");
    const whole = await gql<{ downstream: { nodes: { key: string; kind: string }[]; clusters: unknown[] } }>(
      CABLE_MAKER,
      `query($code: String!) { downstream(code: $code, maxDepth: 8, groupAbove: 100000) { nodes { key kind } clusters { id } } }`,
      { code: key },
    );
    expect(whole.downstream.clusters).toHaveLength(0);
    expect(Number(await large.getAttribute("data-node-count"))).toBe(whole.downstream.nodes.length);
    expect(whole.downstream.nodes.length).toBe(3001);
    const item = whole.downstream.nodes.find((n) => n.kind === "ITEM") as { key: string };
    await clickNode(page, "graph", item.key);
    await page.getByTestId("details").waitFor();
    expect(await page.getByTestId("details").textContent()).toContain("ITEM");
    const largeSvg = await downloadSvg(page);
    expect(count(largeSvg, '<g class="node"')).toBe(3001);
    expect(count(largeSvg, '<line class="edge"')).toBe(3000);
    await shot(page, "trace-large", 1440);
    // At a phone's width the canvas follows its box (redrawn on resize) and still fits the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    await shot(page, "trace-large", 390);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    const box = (await large.boundingBox()) as { width: number; height: number };
    const rootAt = await large.evaluate(
      (element, id) =>
        (element as unknown as { tracegraphGraph: LargeGraphProbe }).tracegraphGraph.renderedPosition(id),
      key,
    );
    expect(rootAt?.x).toBeGreaterThan(0);
    expect(rootAt?.x).toBeLessThan(box.width);
    expect(rootAt?.y).toBeGreaterThan(0);
    expect(rootAt?.y).toBeLessThan(box.height);
    await context.close();
  }, 150_000);

  it("fits a phone's width in every view", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await signIn(context, REGULATOR);
    await searchTrace(page, COPPER_LOT, 2);
    await drawn(page, "graph");
    await shot(page, "trace", 390);
    await page.getByTestId("tab-recall").click();
    await page.locator('input[name="recallCode"]').fill(COPPER_LOT);
    await page.locator('form.search button[type="submit"]').click();
    await page.getByTestId("region-tree").waitFor();
    await shot(page, "recall", 390);
    await page.getByTestId("tab-diversion").click();
    await page.locator('[data-testid="alerts"] tbody tr').first().click();
    await drawn(page, "evidence-graph");
    await shot(page, "diversion", 390);
    await page.getByTestId("tab-producer").click();
    await page.locator('select[name="product"]').selectOption("demo-cable-bv25");
    await page.locator('[data-testid="batches"] tbody tr').first().waitFor();
    await shot(page, "producer", 390);
    // Nothing wider than the screen.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await context.close();
  }, 120_000);
});

/** What the large-graph canvas hangs on its container for tests (app/src/graph/LargeGraphCanvas.tsx). */
interface LargeGraphProbe {
  renderedPosition(id: string): { x: number; y: number } | null;
}

/** The trace's "Export SVG" download, as text. */
async function downloadSvg(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-svg").click()]);
  expect(download.suggestedFilename()).toBe("trace.svg");
  const svg = readFileSync((await download.path()) as string, "utf8");
  expect(svg).toContain("<svg");
  return svg;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** A real click on a node of the canvas, at the position cytoscape (or the large-graph canvas) drew it. */
async function clickNode(page: Page, testId: string, nodeId: string): Promise<void> {
  const container = page.locator(`[data-testid="${testId}"]`);
  const position = await container.evaluate((element, id) => {
    type Cy = { getElementById(id: string): { renderedPosition(): { x: number; y: number } } };
    const large = (element as unknown as { tracegraphGraph?: LargeGraphProbe }).tracegraphGraph;
    if (large) {
      const at = large.renderedPosition(id);
      if (!at) throw new Error(`no node ${id} drawn`);
      return at;
    }
    const cy = (element as unknown as { _cyreg?: { cy?: Cy } })._cyreg?.cy;
    if (!cy) throw new Error("no graph drawn");
    return cy.getElementById(id).renderedPosition();
  }, nodeId);
  const box = await container.boundingBox();
  if (!box) throw new Error("the graph is not on screen");
  await page.mouse.click(box.x + position.x, box.y + position.y);
}
