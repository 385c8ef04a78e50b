import { describe, expect, it } from "vitest";
import { renderQrPng, renderQrSvg } from "../../../src/codes/qr.js";

// 22 alphanumeric characters fit a version-1 symbol (21 modules) at level L but need version 2 (25 modules) at
// level M, so the symbol size shows both the error correction level and the 4-module quiet zone: 25 + 2·4 = 33.
const TEXT = "BRJD-W5RT-P0KW-YQTF-AB";

describe("QR rendering", () => {
  it("draws an SVG with error correction M and a 4-module quiet zone", async () => {
    const svg = await renderQrSvg(TEXT);
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('viewBox="0 0 33 33"');
  });

  it("draws a PNG of the same symbol", async () => {
    const png = await renderQrPng(TEXT);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR width: 33 modules at the library's default 4 pixels per module.
    expect(png.readUInt32BE(16)).toBe(33 * 4);
  });
});
