import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Transform } from "node:stream";
import { parse } from "csv-parse";

/**
 * Reading a spreadsheet's CSV as a stream of rows numbered as the spreadsheet numbers them (header = row 1, a cell
 * with line breaks still one row, empty rows counted). Spreadsheets in China save UTF-8 (with or without a BOM) or,
 * from older Excel, GBK / GB18030; the encoding is told from the file's start: a BOM decides, else the first MiB is
 * tried as UTF-8 and taken as GB18030 (a superset of GBK) when it is not valid UTF-8. Excel's "Unicode text" (UTF-16,
 * tab-separated) is read too.
 */
export type CsvEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export const CSV_ENCODINGS: readonly CsvEncoding[] = ["utf-8", "gb18030", "utf-16le", "utf-16be"];

const SAMPLE_BYTES = 1024 * 1024;

/** The file cannot be read as CSV: undecodable bytes, broken quoting, no header row. */
export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFileError";
  }
}

/** The encoding of a file that starts with `sample`; `complete` when the sample is the whole file. */
export function detectEncoding(sample: Uint8Array, complete: boolean): CsvEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  try {
    // `stream` lets the sample end inside a character.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !complete });
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

/** Comma, or tab when the header line has tabs and no comma (Excel's "Unicode text" and "Text (tab delimited)"). */
export function detectDelimiter(firstLine: string): "," | "\t" {
  return firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
}

export interface CsvRow {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  cells: string[];
}

export interface CsvSource {
  encoding: CsvEncoding;
  delimiter: "," | "\t";
  totalBytes: number;
  /** Bytes read from the file so far, for progress. */
  bytesRead(): number;
  rows(): AsyncGenerator<CsvRow>;
}

/** Opens `path` for reading rows; `encoding` overrides detection. */
export async function openCsv(path: string, encoding?: CsvEncoding): Promise<CsvSource> {
  const { sample, totalBytes } = await readSample(path);
  const chosen = encoding ?? detectEncoding(sample, sample.length === totalBytes);
  let firstLine = "";
  try {
    firstLine = new TextDecoder(chosen).decode(sample).split(/\r?\n/, 1)[0] ?? "";
  } catch {
    // detection only; decoding errors are reported when the rows are read
  }
  const delimiter = detectDelimiter(firstLine);
  let bytes = 0;
  return {
    encoding: chosen,
    delimiter,
    totalBytes,
    bytesRead: () => bytes,
    rows: () => {
      const file = createReadStream(path);
      file.on("data", (chunk) => {
        bytes += chunk.length;
      });
      return numberedRows(file, chosen, delimiter);
    },
  };
}

async function readSample(path: string): Promise<{ sample: Uint8Array; totalBytes: number }> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { sample: buffer.subarray(0, bytesRead), totalBytes: size };
  } finally {
    await handle.close();
  }
}

async function* numberedRows(
  input: NodeJS.ReadableStream & { destroy(error?: Error): void },
  encoding: CsvEncoding,
  delimiter: string,
): AsyncGenerator<CsvRow> {
  const decode = decoder(encoding);
  // Empty lines are kept (as one empty cell) so row numbers stay those of the spreadsheet.
  const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: false });
  input.on("error", (error: Error) => parser.destroy(error));
  decode.on("error", (error: Error) => parser.destroy(error));
  input.pipe(decode).pipe(parser);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells };
    }
  } catch (error) {
    if (error instanceof CsvFileError) throw error;
    throw new CsvFileError(`row ${row + 1}: ${(error as Error).message}`);
  } finally {
    input.destroy();
    decode.destroy();
    parser.destroy();
  }
}

/** Bytes of `encoding` → UTF-8, refusing bytes the encoding does not allow rather than guessing. */
function decoder(encoding: CsvEncoding): Transform {
  const text = new TextDecoder(encoding, { fatal: true });
  const fail = (error: unknown) =>
    new CsvFileError(
      `the file is not valid ${encoding.toUpperCase()} (${(error as Error).message}); save it as UTF-8 CSV`,
    );
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        const decoded = text.decode(chunk, { stream: true });
        done(null, decoded ? Buffer.from(decoded, "utf8") : undefined);
      } catch (error) {
        done(fail(error));
      }
    },
    flush(done) {
      try {
        const decoded = text.decode();
        done(null, decoded ? Buffer.from(decoded, "utf8") : undefined);
      } catch (error) {
        done(fail(error));
      }
    },
  });
}
