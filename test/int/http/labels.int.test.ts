import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/server/app.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { batchCodes, makeBatch, randomGtin13, startHttpApp, type MadeBatch } from "./http-fixtures.js";
import { pdfText } from "./pdf-text.js";
import { authFetch } from "../../support/test-credentials.js";

const FORMULA_NAME = `=HYPERLINK("http://evil.example","点我"),电缆`;

async function download(url: string): Promise<{ res: Response; bytes: Buffer }> {
  const res = await authFetch(url);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Splits CSV text into records, honouring quoted fields (our writer quotes commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') i++;
      else if (ch === '"') {
        quoted = false;
        continue;
      }
      field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text.charAt(i + 1) === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

describe("label sheets GET /batches/{id}/labels.pdf and code lists /codes.csv", () => {
  const suffix = uniqueSuffix();
  let app: App;
  let base: string;
  let batch: MadeBatch;
  const previousFont = process.env.LABEL_FONT;

  beforeAll(async () => {
    ({ app, base } = await startHttpApp());
    batch = await makeBatch({ suffix, name: "交联聚乙烯绝缘电力电缆", model: "YJV22 8.7/15kV 3×95", count: 50 });
  });
  afterEach(() => {
    if (previousFont === undefined) delete process.env.LABEL_FONT;
    else process.env.LABEL_FONT = previousFont;
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  const labelsUrl = (id: string, query = "") => `${base}/batches/${encodeURIComponent(id)}/labels.pdf${query}`;
  const csvUrl = (id: string, query = "") => `${base}/batches/${encodeURIComponent(id)}/codes.csv${query}`;

  it("prints every code of the batch on A4 label sheets: a valid PDF whose text has each code, name and model", async () => {
    const { res, bytes } = await download(labelsUrl(batch.batch.id, "?mark=false"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { numPages, pages } = await pdfText(new Uint8Array(bytes));
    expect(numPages).toBe(3); // 50 labels at 24 (3 × 8) a sheet
    const text = pages.join("\n");
    for (const code of batch.codes) expect(text).toContain(code);
    expect(text).toContain("交联聚乙烯绝缘电力电缆");
    expect(text).toContain("YJV22 8.7/15kV 3×95");
    // The first sheet holds exactly the first 24 codes, in order.
    expect(batch.codes.filter((code) => pages[0]!.includes(code))).toEqual(batch.codes.slice(0, 24));
  });

  it("never marks a code on a download; POST /batches/{id}/printed does, once", async () => {
    const statuses = async () => new Set((await batchCodes(batch.batch.id)).map((c) => c.status));
    expect(await statuses()).toEqual(new Set(["GENERATED"]));
    expect((await download(labelsUrl(batch.batch.id))).res.status).toBe(200);
    expect((await download(csvUrl(batch.batch.id))).res.status).toBe(200);
    expect(await statuses()).toEqual(new Set(["GENERATED"]));

    const refused = await authFetch(labelsUrl(batch.batch.id, "?mark=true"));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "BAD_USER_INPUT", message: /markCodesPrinted/ } });

    const printed = () =>
      authFetch(`${base}/batches/${encodeURIComponent(batch.batch.id)}/printed`, { method: "POST" });
    const first = await printed();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ marked: 50 });
    expect(await statuses()).toEqual(new Set(["PRINTED"]));
    expect(await (await printed()).json()).toEqual({ marked: 0 });
  });

  it("lays labels out as asked in the query, within bounds", async () => {
    const { bytes } = await download(
      labelsUrl(batch.batch.id, "?mark=false&columns=2&rows=5&labelWidth=90&labelHeight=50"),
    );
    expect((await pdfText(new Uint8Array(bytes))).numPages).toBe(5);
    for (const [query, field] of [
      ["?columns=0", "columns"],
      ["?columns=4", "columns"],
      ["?labelWidth=abc", "labelWidth"],
      ["?rows=9", "rows"],
      ["?labelWidth=15&labelHeight=15", "labelHeight"],
    ] as const) {
      const res = await authFetch(labelsUrl(batch.batch.id, query));
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining(field) });
    }
  });

  it("answers HEAD without building the sheet or marking any code", async () => {
    const fresh = await makeBatch({ suffix: `${suffix}h`, count: 3 });
    const res = await authFetch(labelsUrl(fresh.batch.id), { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new Set((await batchCodes(fresh.batch.id)).map((c) => c.status))).toEqual(new Set(["GENERATED"]));
  });

  it("prints a batch's own code (一批一码): a GS1 lot as its Human Readable Interpretation", async () => {
    const perBatch = await makeBatch({ suffix: `${suffix}b`, count: 0, traceMode: "PER_BATCH", gtin: randomGtin13() });
    const { res, bytes } = await download(labelsUrl(perBatch.batch.id, "?mark=false"));
    expect(res.status).toBe(200);
    const { numPages, pages } = await pdfText(new Uint8Array(bytes));
    expect(numPages).toBe(1);
    const gtin14 = perBatch.product.gtin!.padStart(14, "0");
    expect(pages[0]).toContain(`(01) ${gtin14} (10) L${suffix}b`);
    const rows = parseCsv((await download(csvUrl(perBatch.batch.id, "?mark=false"))).bytes.toString("utf8").slice(1));
    expect(rows.slice(1)).toEqual([
      [
        `(01) ${gtin14} (10) L${suffix}b`,
        expect.stringMatching(new RegExp(`/01/${gtin14}/10/L${suffix}b$`)),
        "GENERATED",
        "聚氯乙烯绝缘电缆",
        "BV 450/750V 2.5mm²",
        `L${suffix}b`,
      ],
    ]);
  });

  it("answers 404 for an unknown batch and 409 for a batch without codes", async () => {
    for (const url of [labelsUrl(`nope-${suffix}`), csvUrl(`nope-${suffix}`)]) {
      const res = await authFetch(url);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }
    const empty = await makeBatch({ suffix: `${suffix}e`, count: 0 });
    const res = await authFetch(labelsUrl(empty.batch.id));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("issue codes first");
    // A code list may be empty: the header alone.
    const csv = await download(csvUrl(empty.batch.id));
    expect(csv.bytes.toString("utf8")).toBe("\uFEFFcode,url,status,product,model,batch\r\n");
  });

  it("answers 503 saying how to install the font when the CJK font is missing", async () => {
    process.env.LABEL_FONT = `/nonexistent/${suffix}.ttf`;
    const res = await authFetch(labelsUrl(batch.batch.id));
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(body.error.message).toContain("apt-get install -y fonts-droid-fallback");
  });

  it("lists the codes as CSV: UTF-8 BOM, a header, one row per code with its QR URL", async () => {
    const { res, bytes } = await download(csvUrl(batch.batch.id, "?mark=false"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8").slice(1));
    expect(rows[0]).toEqual(["code", "url", "status", "product", "model", "batch"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(batch.codes);
    expect(rows[1]).toEqual([
      batch.codes[0],
      expect.stringMatching(new RegExp(`/t/${batch.codes[0]}$`)),
      "PRINTED",
      "交联聚乙烯绝缘电力电缆",
      "YJV22 8.7/15kV 3×95",
      `L${suffix}`,
    ]);
  });

  it("escapes spreadsheet formulas in the CSV", async () => {
    const risky = await makeBatch({ suffix: `${suffix}f`, name: FORMULA_NAME, model: "+1-2", count: 2 });
    const text = (await download(csvUrl(risky.batch.id))).bytes.toString("utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我""),电缆"`);
    const rows = parseCsv(text.slice(1));
    expect(rows[1]!.slice(3, 5)).toEqual([`'${FORMULA_NAME}`, "'+1-2"]);
    for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("pages through a large batch by keyset: 1,200 codes, each exactly once, in order", async () => {
    const large = await makeBatch({ suffix: `${suffix}l`, count: 1200, gtin: randomGtin13() });
    const rows = parseCsv((await download(csvUrl(large.batch.id, "?mark=false"))).bytes.toString("utf8").slice(1));
    const codes = rows.slice(1).map((r) => r[0]);
    expect(codes).toHaveLength(1200);
    expect(codes).toEqual(large.codes);
  });
});
