import { toBuffer, toString } from "qrcode";

/**
 * QR rendering for printed labels. Level M restores up to ~15% of damaged modules, a fair trade against symbol size
 * for codes on packaging; the 4-module quiet zone is what ISO/IEC 18004 requires for reliable scanning.
 */
const OPTIONS = { errorCorrectionLevel: "M", margin: 4 } as const;

/** The QR symbol of `text` as a standalone SVG document. */
export function renderQrSvg(text: string): Promise<string> {
  return toString(text, { ...OPTIONS, type: "svg" });
}

/** PNG sides a caller may ask for, in pixels (quiet zone included). */
export const QR_PNG_SIZES = { min: 64, max: 2048 } as const;

/** The QR symbol of `text` as a PNG image; `size` is its side in pixels (the library's default scale otherwise). */
export function renderQrPng(text: string, size?: number): Promise<Buffer> {
  return toBuffer(text, { ...OPTIONS, type: "png", ...(size === undefined ? {} : { width: size }) });
}
