import type { Request, Response } from "express";
import { renderQrPng, renderQrSvg, type ParsedIdentifier } from "../../codes/index.js";
import { parseDigitalLinkPath, parsePrintableCode } from "../../consumer/consumer-identifier.js";
import { NotFoundError } from "../../errors/app-errors.js";
import { codeUrl } from "../../producer/code-url.js";
import type { RouteMount } from "../app.js";
import { apiRoute } from "./http-problem.js";

const FORMATS = {
  svg: { type: "image/svg+xml", render: renderQrSvg },
  png: { type: "image/png", render: renderQrPng },
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
      const { type, render } = FORMATS[format];
      const image = await render(url);
      // The symbol depends only on the code and PUBLIC_BASE_URL: cacheable, but not forever in case the base moves.
      res.status(200).type(type).set("Cache-Control", "public, max-age=86400").send(image);
    }),
  );
};

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
