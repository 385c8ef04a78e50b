import { Writable } from "node:stream";
import { generateTraceCodes, issuerPrefix, traceCodeUrl } from "../../src/codes/index.js";
import { writeLabelPdf } from "../../src/labels/label-export.js";
import { labelFontPath, loadLabelFont } from "../../src/labels/label-font.js";
import { DEFAULT_LAYOUT } from "../../src/labels/label-layout.js";
import { defaultFields, type LabelContent } from "../../src/labels/label-fields.js";

/**
 * Label sheets rendered in-process, no database: labels/s of writeLabelPdf into a sink that discards the bytes
 * (issue 19 item 2). `node --cpu-prof` on it shows where a label's time goes.
 *
 *   npx tsx bench/experiments/label-render.ts [labels]
 */
const count = Number(process.argv[2] ?? 5_000);

class Discard extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

async function main(): Promise<void> {
  const codes = generateTraceCodes("ITEM", issuerPrefix("uscc:render"), count).sort();
  const pages = async function* () {
    for (let i = 0; i < codes.length; i += 1_000) yield codes.slice(i, i + 1_000);
  };
  const font = await loadLabelFont(labelFontPath());
  const sink = new Discard();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await writeLabelPdf(
    {
      format: {
        kind: "sheet",
        layout: DEFAULT_LAYOUT,
        width: DEFAULT_LAYOUT.labelWidth,
        height: DEFAULT_LAYOUT.labelHeight,
      },
      fields: defaultFields(DEFAULT_LAYOUT.labelWidth, DEFAULT_LAYOUT.labelHeight),
      font,
      title: "render",
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
      pages: pages(),
    },
    sink,
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${count} labels in ${seconds.toFixed(2)} s (${(count / seconds).toFixed(0)} labels/s), ` +
      `${cpuSeconds.toFixed(2)} s of CPU (${(count / cpuSeconds).toFixed(0)} labels per CPU second), ${sink.bytes} bytes`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
