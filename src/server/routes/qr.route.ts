import { createHash } from "node:crypto";
import type { Request, Response } from "express";
import { QR_PNG_SIZES, renderQrPng, renderQrSvg, type ParsedIdentifier } from "../../codes/index.js";
import { parseDigitalLinkPath, parsePrintableCode } from "../../consumer/consumer-identifier.js";
import { BadUserInputError, NotFoundError } from "../../errors/app-errors.js";
import { codeUrl } from "../../producer/code-url.js";
import type { RouteMount } from "../app.js";
import { apiRoute } from "./http-problem.js";

const FORMATS = {
  svg: { type: "image/svg+xml" },
  png: { type: "image/png" },
} as const;

/**
 * `GET /codes/{code}.svg|.png`: the QR symbol a label carries. `{code}` is any accepted spelling of a product, lot,
 * item or container (trace code, EPC URN, percent-encoded Digital Link), or a Digital Link path as is
 * (`/codes/01/{gtin}/21/{serial}.svg`). Pure rendering, no lookup: the symbol of a valid code is the same whether or
 * not it is issued yet, so label proofs can be drawn before issuance.
 */
export const mountQrRoutes: RouteMount = (app, services) => {
  app.get(
    "/codes/*rest",
    apiRoute(services.logger, async (req: Request, res: Response) => {
      const { body, format } = splitExtension(req.path.slice("/codes/".length));
      const url = codeUrl(services.config.publicBaseUrl, parseCodePath(body).key);
      const size = sizeParam(req.query.size, format);
      const image = format === "png" ? await renderQrPng(url, size) : await renderQrSvg(url);
      const { type } = FORMATS[format];
      // The symbol depends only on the code and PUBLIC_BASE_URL: cacheable, but not forever in case the base moves.
      // Its own ETag (the app generates none, see app.ts): a cache revalidating after a day gets a 304.
      res
        .status(200)
        .type(type)
        .set("Cache-Control", "public, max-age=86400")
        .set("ETag", `"${createHash("sha1").update(image).digest("base64url")}"`)
        .send(image);
    }),
  );
};

/** `?size=N`: a PNG's side in pixels, for printers and screens that need more than the default (an SVG scales). */
function sizeParam(raw: unknown, format: keyof typeof FORMATS): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (format !== "png" || !(value >= QR_PNG_SIZES.min && value <= QR_PNG_SIZES.max)) {
    throw new BadUserInputError(`size is a PNG's side in pixels, ${QR_PNG_SIZES.min} to ${QR_PNG_SIZES.max}`, {
      field: "size",
      rule: `range ${QR_PNG_SIZES.min}..${QR_PNG_SIZES.max}`,
    });
  }
  return value;
}

function splitExtension(path: string): { body: string; format: keyof typeof FORMATS } {
  const match = /^(.+)\.(svg|png)$/i.exec(path);
  const format = match?.[2]?.toLowerCase();
  if (!match?.[1] || (format !== "svg" && format !== "png")) {
    throw new NotFoundError("ask for /codes/{code}.svg or /codes/{code}.png", { value: path });
  }
  return { body: match[1], format };
}

/** A raw Digital Link path (`01/…`) keeps its percent-encoding for the GS1 parser; anything else is one segment. */
function parseCodePath(body: string): ParsedIdentifier {
  if (/^\d{2,4}\//.test(body)) return parseDigitalLinkPath(`/${body}`);
  return parsePrintableCode(decodeSegment(body));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
