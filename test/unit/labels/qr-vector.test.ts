import jsqr from "jsqr";
import { describe, expect, it } from "vitest";
import { QUIET_ZONE_MODULES, qrPathOperators } from "../../../src/labels/qr-vector.js";

/** jsqr is CommonJS: its `export default` arrives as `.default` under NodeNext. */
const jsQR = jsqr.default;

/** Paints the rectangles of PDF `re` operators into a greyscale bitmap (white background) and returns RGBA. */
function rasterise(ops: string, size: number): Uint8ClampedArray {
  const gray = new Uint8Array(size * size).fill(255);
  for (const line of ops.split("\n")) {
    const match = /^([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re$/.exec(line);
    if (!match) continue;
    const [x, y, w, h] = match.slice(1).map(Number) as [number, number, number, number];
    for (let row = Math.round(y); row < Math.round(y + h); row++) {
      for (let col = Math.round(x); col < Math.round(x + w); col++) gray[row * size + col] = 0;
    }
  }
  const rgba = new Uint8ClampedArray(size * size * 4);
  gray.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  return rgba;
}

describe("QR symbols drawn as PDF vectors on labels", () => {
  it("decode to the URL they were drawn for", () => {
    const url = "https://trace.example.cn/t/BRJD-W5RT-P0KW-YQTF";
    const size = 410; // 41 modules (version 4 with quiet zone) at 10 px each
    const ops = qrPathOperators(url, 0, 0, size);
    expect(ops.endsWith("\nf")).toBe(true);
    expect(jsQR(rasterise(ops, size), size, size)?.data).toBe(url);
  });

  it("leave the quiet zone empty", () => {
    const size = 410;
    const unit = size / 41;
    for (const line of qrPathOperators("https://h/t/BRJD-W5RT-P0KW-YQTF", 0, 0, size).split("\n").slice(0, -1)) {
      const [x, y] = line.split(" ").map(Number) as [number, number];
      expect(x).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES * unit - 1e-6);
      expect(y).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES * unit - 1e-6);
    }
  });
});
