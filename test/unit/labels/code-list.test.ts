import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { effectiveStatus } from "../../../src/labels/batch-labels.service.js";
import type { CodeCsvRow } from "../../../src/labels/codes-csv.js";
import { writeCodesCsv } from "../../../src/labels/label-export.js";

class Collect extends Writable {
  text = "";
  writes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString("utf8");
    this.writes++;
    setImmediate(done);
  }
}

/** `count` rows in pages of `pageSize`, as the service hands them over. */
async function* rows(count: number, pageSize = 1_000): AsyncGenerator<CodeCsvRow[]> {
  for (let start = 0; start < count; start += pageSize) {
    const page: CodeCsvRow[] = [];
    for (let i = start; i < Math.min(count, start + pageSize); i++) {
      page.push({
        code: `C${String(i).padStart(6, "0")}`,
        url: `https://h/t/${i}`,
        status: "GENERATED",
        product: "扳手",
        model: "=M",
        batch: "B1",
      });
    }
    yield page;
  }
}

describe("the code list", () => {
  it("streams every row in order, copies of a row together, in writes of many rows, then ends", async () => {
    const out = new Collect();
    await writeCodesCsv(rows(20_000), 2, out);
    const lines = out.text
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .slice(0, -1);
    expect(lines[0]).toBe("code,url,status,product,model,batch");
    expect(lines).toHaveLength(1 + 40_000);
    expect(lines[1]).toBe("C000000,https://h/t/0,GENERATED,扳手,'=M,B1");
    expect(lines[2]).toBe(lines[1]);
    expect(lines[40_000]).toMatch(/^C019999,/);
    expect(out.writes).toBeLessThan(100);
    expect(out.writableEnded).toBe(true);
  });

  it("reports the producer's effective status: VOID sticks, a released or recalled batch's codes are ACTIVE", () => {
    expect(effectiveStatus("VOID", "RELEASED")).toBe("VOID");
    expect(effectiveStatus("GENERATED", "RELEASED")).toBe("ACTIVE");
    expect(effectiveStatus("PRINTED", "RECALLED")).toBe("ACTIVE");
    expect(effectiveStatus("PRINTED", "CODED")).toBe("PRINTED");
    expect(effectiveStatus("ACTIVE", null)).toBe("ACTIVE");
    expect(effectiveStatus("GENERATED", null)).toBe("GENERATED");
  });
});
