import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import jsqr from "jsqr";
import { PNG } from "pngjs";
import { writeLabelPdf } from "../../../src/labels/label-export.js";
import type { LabelContent, LabelField } from "../../../src/labels/label-fields.js";
import { labelFontPath, loadLabelFont } from "../../../src/labels/label-font.js";
import type { LabelFormat } from "../../../src/labels/label-format.js";
import { PRINTER_DPI } from "../../../src/labels/label-qr.js";

/** jsqr is CommonJS: its `export default` arrives as `.default` under NodeNext. */
const jsQR = jsqr.default;
const run = promisify(execFile);

/** The label PDF of `labels`, in memory, as the route writes it. */
export async function labelPdf(format: LabelFormat, fields: readonly LabelField[], labels: LabelContent[]) {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const pages = (async function* () {
    yield labels;
  })();
  const font = await loadLabelFont(labelFontPath());
  await writeLabelPdf({ format, fields, font, title: "203 dpi test", label: (label) => label, pages }, sink);
  return new Uint8Array(Buffer.concat(chunks));
}

export interface Raster {
  width: number;
  height: number;
  /** RGBA, as jsQR takes it. */
  data: Uint8ClampedArray;
}

/**
 * Each page of `pdf` rendered by poppler's pdftoppm at a thermal printer's 203 dpi: anti-aliased grey, or `mono`,
 * one bit a pixel without anti-aliasing, as the printer's dots come out.
 */
export async function renderPages(pdf: Uint8Array, mono: boolean): Promise<Raster[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "labels-203dpi-"));
  try {
    await writeFile(path.join(dir, "labels.pdf"), pdf);
    const args = ["-r", String(PRINTER_DPI), "-png", ...(mono ? ["-mono"] : ["-gray"])];
    await run("pdftoppm", [...args, path.join(dir, "labels.pdf"), path.join(dir, "page")]);
    const pageNumber = (name: string) => Number(/-(\d+)\.png$/.exec(name)?.[1]);
    const files = (await readdir(dir)).filter((name) => name.endsWith(".png"));
    files.sort((a, b) => pageNumber(a) - pageNumber(b));
    const rasters: Raster[] = [];
    for (const name of files) {
      const png = PNG.sync.read(await readFile(path.join(dir, name)));
      rasters.push({ width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) });
    }
    return rasters;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Millimetres to pixels at 203 dpi. */
export const px = (mm: number) => Math.round((mm * PRINTER_DPI) / 25.4);

/** The part of `raster` at (x, y) of `width` × `height` pixels. */
export function crop(raster: Raster, x: number, y: number, width: number, height: number): Raster {
  const w = Math.min(width, raster.width - x);
  const h = Math.min(height, raster.height - y);
  const data = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const start = ((y + row) * raster.width + x) * 4;
    data.set(raster.data.subarray(start, start + w * 4), row * w * 4);
  }
  return { width: w, height: h, data };
}

/** The text of the one QR symbol in `raster`, or null when none decodes. */
export function decodeQr(raster: Raster): string | null {
  return jsQR(raster.data, raster.width, raster.height, { inversionAttempts: "dontInvert" })?.data ?? null;
}

/** Pixels darker than mid-grey within `margin` pixels of the raster's edge: ink where nothing may be printed. */
export function inkNearEdge(raster: Raster, margin: number): number {
  let ink = 0;
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      const inside = x >= margin && y >= margin && x < raster.width - margin && y < raster.height - margin;
      if (!inside && (raster.data[(y * raster.width + x) * 4] ?? 255) < 128) ink++;
    }
  }
  return ink;
}
