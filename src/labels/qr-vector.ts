import { create } from "qrcode";

/** The same symbol parameters as `codes/qr.ts` (error correction M, 4-module quiet zone), drawn as vectors. */
const ERROR_CORRECTION = "M";
export const QUIET_ZONE_MODULES = 4;

/**
 * PDF path operators that fill the dark modules of `text`'s QR symbol in a square of `size` points at (x, y), top-left
 * origin as PDFKit's page transform sets it up. Horizontal runs of dark modules become one rectangle each, which
 * roughly halves the operators per symbol (about 300 for a URL-sized code) against one per module.
 */
export function qrPathOperators(text: string, x: number, y: number, size: number): string {
  const { modules } = create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  const count = modules.size;
  const unit = size / (count + 2 * QUIET_ZONE_MODULES);
  const origin = (n: number) => (n + QUIET_ZONE_MODULES) * unit;
  const ops: string[] = [];
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.get(row, col)) col++;
      // A hair of overlap between rows hides the anti-aliasing seams some viewers draw between adjacent rectangles.
      ops.push(`${num(x + origin(start))} ${num(y + origin(row))} ${num((col - start) * unit)} ${num(unit * 1.02)} re`);
    }
  }
  return `${ops.join("\n")}\nf`;
}

function num(value: number): string {
  return (Math.round(value * 1000) / 1000).toString();
}
