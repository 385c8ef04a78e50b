import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
/** pdf.js reads the metrics of the 14 standard PDF fonts (our Courier and Helvetica) from its own package. */
const STANDARD_FONTS = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** Parses a PDF with pdf.js (a failure means the file is not a valid PDF) and returns its pages' text. */
export async function pdfText(data: Uint8Array): Promise<{ numPages: number; pages: string[] }> {
  const doc = await getDocument({ data, standardFontDataUrl: STANDARD_FONTS, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    // pdf.js splits a line into items (one per font run or word); `hasEOL` marks where a line ends.
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
  }
  await doc.destroy();
  return { numPages: doc.numPages, pages };
}
