import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CsvFileError,
  detectDelimiter,
  detectEncoding,
  openCsv,
  type CsvRow,
} from "../../../src/producer/csv-import/csv-source.js";

/** `产品,批号,生产日期,数量,单位,检验结果` / `电缆,L1,2026-01-15,100,米,合格` saved by Excel as GBK (GB18030). */
const GBK_FILE = Buffer.from(
  "b2fac6b72cc5fabac52cc9fab2fac8d5c6da2ccafdc1bf2cb5a5cebb2cbcecd1e9bde1b9fb0d0a" +
    "b5e7c0c22c4c312c323032362d30312d31352c3130302cc3d72cbacfb8f10d0a",
  "hex",
);

describe("reading spreadsheet CSV files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tracegraph-csv-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  async function read(content: string | Buffer): Promise<{ encoding: string; rows: CsvRow[] }> {
    const file = path.join(dir, `f${n++}.csv`);
    writeFileSync(file, content);
    const source = await openCsv(file);
    const rows: CsvRow[] = [];
    for await (const row of source.rows()) rows.push(row);
    expect(source.bytesRead()).toBe(source.totalBytes);
    return { encoding: source.encoding, rows };
  }

  it("strips a UTF-8 BOM from the first header cell", async () => {
    const { encoding, rows } = await read("\uFEFF产品名称,型号\r\n电缆,BV\r\n");
    expect(encoding).toBe("utf-8");
    expect(rows).toEqual([
      { row: 1, cells: ["产品名称", "型号"] },
      { row: 2, cells: ["电缆", "BV"] },
    ]);
  });

  it("reads a GBK / GB18030 file", async () => {
    const { encoding, rows } = await read(GBK_FILE);
    expect(encoding).toBe("gb18030");
    expect(rows[0]?.cells).toEqual(["产品", "批号", "生产日期", "数量", "单位", "检验结果"]);
    expect(rows[1]?.cells).toEqual(["电缆", "L1", "2026-01-15", "100", "米", "合格"]);
  });

  it("reads UTF-16 tab-separated text (Excel's Unicode text)", async () => {
    const text = "产品名称\t型号\r\n电缆\tBV 2.5\r\n";
    const { encoding, rows } = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(encoding).toBe("utf-16le");
    expect(rows[1]?.cells).toEqual(["电缆", "BV 2.5"]);
  });

  it("numbers rows as the spreadsheet does: empty rows count, a cell with line breaks is one row", async () => {
    const { rows } = await read('a,b\n1,2\n\n"multi\nline",3\n4,5\n');
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[2]?.cells).toEqual([""]);
    expect(rows[3]?.cells).toEqual(["multi\nline", "3"]);
    expect(rows[4]?.cells).toEqual(["4", "5"]);
  });

  it("fails on broken quoting with the row", async () => {
    await expect(read('a,b\n1,"open\n')).rejects.toThrow(CsvFileError);
  });

  it("tells encodings and delimiters from the start of the file", () => {
    expect(detectEncoding(Buffer.from("\uFEFFa,b", "utf8"), true)).toBe("utf-8");
    expect(detectEncoding(Buffer.from("plain ascii"), true)).toBe("utf-8");
    expect(detectEncoding(GBK_FILE, true)).toBe("gb18030");
    // A sample cut inside a UTF-8 character is still UTF-8.
    expect(detectEncoding(Buffer.from("产品", "utf8").subarray(0, 4), false)).toBe("utf-8");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("a,b\tc")).toBe(",");
  });
});
