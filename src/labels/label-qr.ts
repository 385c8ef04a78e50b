import { create } from "qrcode";

/**
 * QR symbols sized for thermal label printers. A printer of `PRINTER_DPI` prints dots of 25.4 / 203 mm; a module
 * is a whole number of dots (at least `MIN_DOTS`), so every module prints alike, and the symbol is placed on the
 * printer's dot grid.
 */
export const PRINTER_DPI = 203;
export const PT_PER_MM = 72 / 25.4;
/** One printer dot, in PDF points. */
export const DOT_PT = 72 / PRINTER_DPI;
/** ISO/IEC 18004's quiet zone: four modules of white on every side, inside the space a symbol is given. */
export const QUIET_ZONE_MODULES = 4;
/** Fewer than two dots a module and a thermal printer's dot gain closes the gaps between modules. */
export const MIN_DOTS = 2;
/** A module of three dots (0.375 mm) is comfortable to print and scan; stronger error correction is bought down to it. */
export const GOOD_DOTS = 3;
/** Eight dots (1 mm) a module is plenty for a phone; larger labels give the room to the text instead. */
export const MAX_DOTS = 8;

export type ErrorCorrection = "H" | "Q" | "M" | "L";
/**
 * Strongest first: what survives the most damage (scratches, a dead heater dot drawing a white line). Not H: it
 * restores 30 % instead of Q's 25 % at about one and a half times the modules (version 6 against 4 for a 46-byte
 * URL), which costs module size on a small label and a third more time to encode each symbol.
 */
export const ERROR_CORRECTIONS: readonly ErrorCorrection[] = ["Q", "M", "L"];

/** How one symbol is printed: its error correction and version, and the side of a module in dots. */
export interface QrSpec {
  errorCorrection: ErrorCorrection;
  version: number;
  /** Modules across, quiet zone included. */
  modules: number;
  dots: number;
  /** Side of the whole symbol, quiet zone included, in points. */
  sizePt: number;
}

/** Versions by error correction and UTF-8 length: each computed once by the encoder itself. */
const versions = new Map<string, number>();

/**
 * The smallest version that holds `bytes` bytes in byte mode. Byte mode is the worst case of every text of that
 * length (the encoder's optimal segmentation can only do better), so the text fits a symbol of this version.
 */
export function byteModeVersion(bytes: number, errorCorrection: ErrorCorrection): number {
  const cacheKey = `${errorCorrection}:${bytes}`;
  let version = versions.get(cacheKey);
  if (version === undefined) {
    // Lower-case letters are neither numeric, alphanumeric nor kanji: the encoder must use byte mode.
    version = create("a".repeat(Math.max(1, bytes)), { errorCorrectionLevel: errorCorrection }).version;
    versions.set(cacheKey, version);
  }
  return version;
}

/** Modules across a symbol of `version` with its quiet zone. */
export function modulesWithQuietZone(version: number): number {
  return 17 + 4 * version + 2 * QUIET_ZONE_MODULES;
}

/**
 * The symbol for `text` in a square of `sidePt` points: the strongest error correction whose modules still get
 * `GOOD_DOTS` dots, each module as large as fits up to `MAX_DOTS`; failing that, the largest modules of any level
 * down to `MIN_DOTS`. Null when even that does not fit: the square is too small for a printable symbol.
 */
export function chooseQr(text: string, sidePt: number): QrSpec | null {
  const bytes = Buffer.byteLength(text, "utf8");
  let fallback: QrSpec | null = null;
  for (const errorCorrection of ERROR_CORRECTIONS) {
    const version = byteModeVersion(bytes, errorCorrection);
    const modules = modulesWithQuietZone(version);
    const dots = Math.min(MAX_DOTS, Math.floor(sidePt / (modules * DOT_PT) + 1e-9));
    const spec = { errorCorrection, version, modules, dots, sizePt: modules * dots * DOT_PT };
    if (dots >= GOOD_DOTS) return spec;
    if (dots >= MIN_DOTS && (fallback === null || dots > fallback.dots)) fallback = spec;
  }
  return fallback;
}

/** `value` points moved onto the printer's dot grid (the nearest dot boundary). */
export function snapToDots(value: number): number {
  return Math.round(value / DOT_PT) * DOT_PT;
}
