import { readFile } from "node:fs/promises";

/** Debian's `fonts-droid-fallback`: a TrueType font with the CJK glyphs labels need, installable on every machine. */
export const DEFAULT_LABEL_FONT = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

/** The label font is missing or unusable: the server is misconfigured, so the route answers 503 with this message. */
export class LabelFontError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(
      `The CJK label font ${path} ${reason}. Install it with "apt-get install -y fonts-droid-fallback" ` +
        `(or run "node scripts/ensure-font.mjs" as root), or set LABEL_FONT to a TrueType font with Chinese glyphs.`,
    );
    this.name = "LabelFontError";
  }
}

export function labelFontPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.LABEL_FONT?.trim() || DEFAULT_LABEL_FONT;
}

/** TrueType (`00 01 00 00`, `true`) or OpenType with CFF outlines (`OTTO`): what PDFKit can embed and subset. */
const FONT_SIGNATURES = ["00010000", "74727565", "4f54544f"];

/** Only successful loads are cached, so a font installed while the server runs is picked up by the next request. */
const loaded = new Map<string, Buffer>();

export async function loadLabelFont(path: string): Promise<Buffer> {
  const cached = loaded.get(path);
  if (cached) return cached;
  let font: Buffer;
  try {
    font = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LabelFontError(path, code === "ENOENT" ? "is not installed" : `cannot be read (${code ?? "error"})`);
  }
  if (!FONT_SIGNATURES.includes(font.subarray(0, 4).toString("hex"))) {
    throw new LabelFontError(path, "is not a single TrueType or OpenType font (collections .ttc are not supported)");
  }
  loaded.set(path, font);
  return font;
}
