import { describe, expect, it } from "vitest";
import { generateTraceCodes, issuerPrefix, traceCodeUrl } from "../../../src/codes/index.js";
import type { ErrorCorrection } from "../../../src/labels/label-qr.js";
import { qrMatrix, qrcodeMatrix } from "../../../src/labels/qr-matrix.js";

describe("QR matrices with the mask chosen on typed arrays", () => {
  it("equal qrcode's own symbols module for module (same mask chosen), at every level and several versions", () => {
    const codes = generateTraceCodes("ITEM", issuerPrefix("uscc:qr-matrix"), 120);
    const levels: ErrorCorrection[] = ["L", "M", "Q", "H"];
    let checked = 0;
    codes.forEach((code, i) => {
      const text = traceCodeUrl(i % 2 ? "https://trace.example.cn" : "http://127.0.0.1:3000", code);
      const level = levels[i % levels.length] as ErrorCorrection;
      for (const version of [undefined, 7, 10]) {
        expect(qrMatrix(text, level, version)).toEqual(qrcodeMatrix(text, level, version));
        checked++;
      }
    });
    expect(checked).toBe(360);
  });
});
