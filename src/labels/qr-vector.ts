import { QUIET_ZONE_MODULES, type ErrorCorrection } from "./label-qr.js";
import { qrMatrix } from "./qr-matrix.js";

export { QUIET_ZONE_MODULES };

/** The symbol's parameters (label-qr.ts chooses them per label size); by default those of `codes/qr.ts`. */
export interface QrSymbolOptions {
  errorCorrection: ErrorCorrection;
  /** A fixed version (symbol size); the smallest that holds the text when absent. */
  version?: number;
  /**
   * Points by which each dark rectangle is drawn inside its modules' edges. A rasteriser that paints every pixel a
   * shape touches (PostScript's rule, used by Ghostscript-based printer drivers) would otherwise paint one more row
   * of dots on every edge that falls a hair past a dot boundary, and close the light modules of a small symbol.
   */
  inset?: number;
}

/**
 * PDF path operators that fill the dark modules of `text`'s QR symbol in a square of `size` points at (x, y), top-left
 * origin as PDFKit's page transform sets it up. Horizontal runs of dark modules become one rectangle each, which
 * roughly halves the operators per symbol (about 300 for a URL-sized code) against one per module. All of them make
 * one path, filled once, so anti-aliasing viewers draw no seams where rectangles meet.
 */
export function qrPathOperators(
  text: string,
  x: number,
  y: number,
  size: number,
  options: QrSymbolOptions = { errorCorrection: "M" },
): string {
  const { size: count, dark } = qrMatrix(text, options.errorCorrection, options.version);
  const inset = options.inset ?? 0;
  const unit = size / (count + 2 * QUIET_ZONE_MODULES);
  const origin = (n: number) => (n + QUIET_ZONE_MODULES) * unit;
  const ops: string[] = [];
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!dark[row * count + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && dark[row * count + col]) col++;
      const left = x + origin(start) + inset;
      const top = y + origin(row) + inset;
      ops.push(`${num(left)} ${num(top)} ${num((col - start) * unit - 2 * inset)} ${num(unit - 2 * inset)} re`);
    }
  }
  return `${ops.join("\n")}\nf`;
}

function num(value: number): string {
  return (Math.round(value * 1000) / 1000).toString();
}
