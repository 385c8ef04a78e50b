import { once } from "node:events";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { generateTraceCodes, issuerPrefix, traceCodeUrl } from "../../../src/codes/index.js";
import { ClientGoneError, keysetPages, writeLabelPdf, type CodePageSource } from "../../../src/labels/label-export.js";
import { DEFAULT_LABEL_FONT, labelFontPath, loadLabelFont } from "../../../src/labels/label-font.js";
import { DEFAULT_LAYOUT } from "../../../src/labels/label-layout.js";
import { defaultFields, type LabelContent } from "../../../src/labels/label-fields.js";

/** A slow client: takes each chunk on the next turn of the event loop and keeps only counts, not the bytes. */
class CountingSink extends Writable {
  received = 0;
  pages = 0;
  tail = "";
  /** The most bytes ever queued here, waiting for this slow client: what backpressure must keep small. */
  maxBuffered = 0;

  constructor() {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.received += chunk.length;
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    // Page objects are uncompressed dictionaries: count them across chunk boundaries.
    const text = this.tail + chunk.toString("latin1");
    this.pages += text.match(/\/Type \/Page\n/g)?.length ?? 0;
    this.tail = text.slice(-16);
    setImmediate(done);
  }
}

/** A keyset source over sorted codes in memory that records, at each request, how far the output has got. */
function recordingSource(codes: readonly string[], sink: CountingSink) {
  const requests: { received: number }[] = [];
  const source: CodePageSource = async (after, limit) => {
    requests.push({ received: sink.received });
    const start = after === null ? 0 : codes.indexOf(after) + 1;
    return codes.slice(start, start + limit);
  };
  return { source, requests };
}

const job = async (pages: AsyncIterable<string[]>) =>
  ({
    format: {
      kind: "sheet",
      layout: DEFAULT_LAYOUT,
      width: DEFAULT_LAYOUT.labelWidth,
      height: DEFAULT_LAYOUT.labelHeight,
    },
    fields: defaultFields(DEFAULT_LAYOUT.labelWidth, DEFAULT_LAYOUT.labelHeight),
    font: await loadLabelFont(labelFontPath()),
    title: "stream test",
    label: (key: string): LabelContent => ({
      url: traceCodeUrl("https://trace.example.cn", key),
      code: key,
      name: "交联聚乙烯绝缘电力电缆",
      model: "YJV22 8.7/15kV 3×95",
      batchNo: "L20261130",
      productionDate: "2026-11-30",
      maker: "粤缆",
      codeType: "ITEM",
      range: "",
    }),
    pages,
  }) as const;

describe("label sheets stream with bounded memory", () => {
  it("needs the CJK font installed (scripts/ensure-font.mjs)", async () => {
    await expect(loadLabelFont(labelFontPath())).resolves.toBeInstanceOf(Buffer);
    expect(labelFontPath({})).toBe(DEFAULT_LABEL_FONT);
  });

  it("streams 10,000 labels page by page: output flows before the last codes are read, little is buffered", async () => {
    const codes = generateTraceCodes("ITEM", issuerPrefix("uscc:stream-test"), 10_000).sort();
    const sink = new CountingSink();
    const { source, requests } = recordingSource(codes, sink);
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sample = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
    try {
      await writeLabelPdf(await job(keysetPages(source, 500)), sink);
      await once(sink, "finish");
    } finally {
      clearInterval(sample);
    }
    // 20 full pages of codes, then one empty page that ends the keyset walk.
    expect(requests).toHaveLength(21);
    expect(sink.pages).toBe(Math.ceil(10_000 / 24));
    expect(sink.tail).toContain("%%EOF");
    // The response had started long before the last page of codes was even asked for.
    expect(requests.at(-2)!.received).toBeGreaterThan(sink.received / 2);
    // What waits for a slow client stays around one page of codes (a few hundred KB), not the document (MBs).
    expect(sink.maxBuffered).toBeLessThan(sink.received / 5);
    // Loose bound on heap growth: holding the document would take at least its size again.
    expect(heapPeak - heapBefore).toBeLessThan(Math.max(200 * 1024 * 1024, sink.received * 4));
  }, 300_000);

  it("stops generating once the client has gone", async () => {
    const codes = generateTraceCodes("ITEM", issuerPrefix("uscc:gone-test"), 2_000).sort();
    const sink = new CountingSink();
    const { source, requests } = recordingSource(codes, sink);
    const pages = keysetPages(source, 100);
    const writing = writeLabelPdf(await job(pages), sink);
    setImmediate(() => sink.destroy());
    await expect(writing).rejects.toBeInstanceOf(ClientGoneError);
    expect(requests.length).toBeLessThan(20);
  });
});
