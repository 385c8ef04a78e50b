import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gs1CheckDigit } from "../../../src/codes/gs1-check-digit.js";
import { IdentifierError } from "../../../src/codes/identifier-error.js";
import { canonicalKey, parseIdentifier } from "../../../src/codes/parse-identifier.js";

/**
 * Every GS1 key of the EPC Tag Data Standard (SGTIN, LGTIN, SSCC, SGLN, GRAI, GIAI, GSRN, GSRNP, GDTI, CPI, SGCN,
 * GINC, GSIN, ITIP, UPUI, PGLN) and every class-level EPC pattern URI: the EPC URN (or pattern) and the Digital Link of
 * one object meet in one canonical key, of the expected scheme; a wrong check digit is caught in every key that has one.
 */

const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const CSET39 = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const URN_MUST_ESCAPE = `"%&/<>?#`;

const hex = (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
const urnEscape = (value: string): string => [...value].map((c) => (URN_MUST_ESCAPE.includes(c) ? hex(c) : c)).join("");
const dlEscape = (value: string): string => encodeURIComponent(value);
const withCheck = (body: string): string => body + gs1CheckDigit(body);

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
const text = (charset: string, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...charset), minLength: 1, maxLength });
const hosts = fc.constantFrom("https://id.gs1.org", "http://example.com", "https://shop.example.cn/qr");
/** A company prefix of 6-12 digits and a reference that together have `total` digits. */
const companyAndReference = (total: number) =>
  fc.integer({ min: 6, max: 12 }).chain((length) => fc.tuple(digits(length), digits(total - length)));
/** A company prefix and a free reference of `charset`, `max` characters together (GIAI, GINC, CPI). */
const companyAndText = (charset: string, max: number) =>
  fc.integer({ min: 6, max: 12 }).chain((length) => fc.tuple(digits(length), text(charset, max - length)));
const gtinOf = (cp: string, ir: string): string => withCheck(ir.slice(0, 1) + cp + ir.slice(1));
/** A CPI serial: digits without leading zeros (TDS encodes it as a number). */
const cpiSerial = fc.bigInt({ min: 0n, max: 999_999_999_999n }).map(String);
const pieceTotal = fc
  .integer({ min: 1, max: 99 })
  .chain((total) => fc.integer({ min: 1, max: total }).map((piece) => [piece, total]))
  .map(([piece = 1, total = 1]) => [String(piece).padStart(2, "0"), String(total).padStart(2, "0")] as const);

interface Spelled {
  scheme: string;
  urn: string;
  dl: (host: string) => string;
}

const SCHEMES: Record<string, fc.Arbitrary<Spelled>> = {
  sgtin: fc.tuple(companyAndReference(13), text(CSET82, 20)).map(([[cp, ir], serial]) => ({
    scheme: "sgtin",
    urn: `urn:epc:id:sgtin:${cp}.${ir}.${urnEscape(serial)}`,
    dl: (host) => `${host}/01/${gtinOf(cp, ir)}/21/${dlEscape(serial)}`,
  })),
  lgtin: fc.tuple(companyAndReference(13), text(CSET82, 20)).map(([[cp, ir], lot]) => ({
    scheme: "lgtin",
    urn: `urn:epc:class:lgtin:${cp}.${ir}.${urnEscape(lot)}`,
    dl: (host) => `${host}/01/${gtinOf(cp, ir)}/10/${dlEscape(lot)}`,
  })),
  sscc: companyAndReference(17).map(([cp, sr]) => ({
    scheme: "sscc",
    urn: `urn:epc:id:sscc:${cp}.${sr}`,
    dl: (host) => `${host}/00/${withCheck(sr.slice(0, 1) + cp + sr.slice(1))}`,
  })),
  sgln: fc.tuple(companyAndReference(12), text(CSET82, 20)).map(([[cp, lr], extension]) => ({
    scheme: "sgln",
    urn: `urn:epc:id:sgln:${cp}.${lr}.${urnEscape(extension)}`,
    dl: (host) => `${host}/414/${withCheck(cp + lr)}${extension === "0" ? "" : `/254/${dlEscape(extension)}`}`,
  })),
  grai: fc.tuple(companyAndReference(12), text(CSET82, 16)).map(([[cp, at], serial]) => ({
    scheme: "grai",
    urn: `urn:epc:id:grai:${cp}.${at}.${urnEscape(serial)}`,
    dl: (host) => `${host}/8003/${withCheck(`0${cp}${at}`)}${dlEscape(serial)}`,
  })),
  giai: companyAndText(CSET82, 30).map(([cp, reference]) => ({
    scheme: "giai",
    urn: `urn:epc:id:giai:${cp}.${urnEscape(reference)}`,
    dl: (host) => `${host}/8004/${cp}${dlEscape(reference)}`,
  })),
  gsrn: companyAndReference(17).map(([cp, sr]) => ({
    scheme: "gsrn",
    urn: `urn:epc:id:gsrn:${cp}.${sr}`,
    dl: (host) => `${host}/8018/${withCheck(cp + sr)}`,
  })),
  gsrnp: companyAndReference(17).map(([cp, sr]) => ({
    scheme: "gsrnp",
    urn: `urn:epc:id:gsrnp:${cp}.${sr}`,
    dl: (host) => `${host}/8017/${withCheck(cp + sr)}`,
  })),
  gdti: fc.tuple(companyAndReference(12), text(CSET82, 17)).map(([[cp, dt], serial]) => ({
    scheme: "gdti",
    urn: `urn:epc:id:gdti:${cp}.${dt}.${urnEscape(serial)}`,
    dl: (host) => `${host}/253/${withCheck(cp + dt)}${dlEscape(serial)}`,
  })),
  cpi: fc.tuple(companyAndText(CSET39, 30), cpiSerial).map(([[cp, part], serial]) => ({
    scheme: "cpi",
    urn: `urn:epc:id:cpi:${cp}.${urnEscape(part)}.${serial}`,
    dl: (host) => `${host}/8010/${cp}${dlEscape(part)}/8011/${serial}`,
  })),
  sgcn: fc.tuple(companyAndReference(12), fc.stringMatching(/^\d{1,12}$/)).map(([[cp, cr], serial]) => ({
    scheme: "sgcn",
    urn: `urn:epc:id:sgcn:${cp}.${cr}.${serial}`,
    dl: (host) => `${host}/255/${withCheck(cp + cr)}${serial}`,
  })),
  ginc: companyAndText(CSET82, 30).map(([cp, reference]) => ({
    scheme: "ginc",
    urn: `urn:epc:id:ginc:${cp}.${urnEscape(reference)}`,
    dl: (host) => `${host}/401/${cp}${dlEscape(reference)}`,
  })),
  gsin: companyAndReference(16).map(([cp, sr]) => ({
    scheme: "gsin",
    urn: `urn:epc:id:gsin:${cp}.${sr}`,
    dl: (host) => `${host}/402/${withCheck(cp + sr)}`,
  })),
  itip: fc.tuple(companyAndReference(13), pieceTotal, text(CSET82, 20)).map(([[cp, ir], [pp, tt], serial]) => ({
    scheme: "itip",
    urn: `urn:epc:id:itip:${cp}.${ir}.${pp}.${tt}.${urnEscape(serial)}`,
    dl: (host) => `${host}/8006/${gtinOf(cp, ir)}${pp}${tt}/21/${dlEscape(serial)}`,
  })),
  upui: fc.tuple(companyAndReference(13), text(CSET82, 28)).map(([[cp, ir], tpx]) => ({
    scheme: "upui",
    urn: `urn:epc:id:upui:${cp}.${ir}.${urnEscape(tpx)}`,
    dl: (host) => `${host}/01/${gtinOf(cp, ir)}/235/${dlEscape(tpx)}`,
  })),
  pgln: companyAndReference(12).map(([cp, pr]) => ({
    scheme: "pgln",
    urn: `urn:epc:id:pgln:${cp}.${pr}`,
    dl: (host) => `${host}/417/${withCheck(cp + pr)}`,
  })),
};

/** EPC pattern URIs with only the serial starred: one class each, spelled in Digital Link without the serial. */
const PATTERNS: Record<string, fc.Arbitrary<Spelled>> = {
  sgtin: companyAndReference(13).map(([cp, ir]) => ({
    scheme: "gtin",
    urn: `urn:epc:idpat:sgtin:${cp}.${ir}.*`,
    dl: (host) => `${host}/01/${gtinOf(cp, ir)}`,
  })),
  upui: companyAndReference(13).map(([cp, ir]) => ({
    scheme: "gtin",
    urn: `urn:epc:idpat:upui:${cp}.${ir}.*`,
    dl: (host) => `${host}/01/${gtinOf(cp, ir)}`,
  })),
  grai: companyAndReference(12).map(([cp, at]) => ({
    scheme: "grai-class",
    urn: `urn:epc:idpat:grai:${cp}.${at}.*`,
    dl: (host) => `${host}/8003/${withCheck(`0${cp}${at}`)}`,
  })),
  gdti: companyAndReference(12).map(([cp, dt]) => ({
    scheme: "gdti-class",
    urn: `urn:epc:idpat:gdti:${cp}.${dt}.*`,
    dl: (host) => `${host}/253/${withCheck(cp + dt)}`,
  })),
  sgcn: companyAndReference(12).map(([cp, cr]) => ({
    scheme: "sgcn-class",
    urn: `urn:epc:idpat:sgcn:${cp}.${cr}.*`,
    dl: (host) => `${host}/255/${withCheck(cp + cr)}`,
  })),
  cpi: companyAndText(CSET39, 30).map(([cp, part]) => ({
    scheme: "cpi-class",
    urn: `urn:epc:idpat:cpi:${cp}.${urnEscape(part)}.*`,
    dl: (host) => `${host}/8010/${cp}${dlEscape(part)}`,
  })),
  itip: fc.tuple(companyAndReference(13), pieceTotal).map(([[cp, ir], [pp, tt]]) => ({
    scheme: "itip-class",
    urn: `urn:epc:idpat:itip:${cp}.${ir}.${pp}.${tt}.*`,
    dl: (host) => `${host}/8006/${gtinOf(cp, ir)}${pp}${tt}`,
  })),
};

function roundTrips(spelled: Spelled, host: string): void {
  const fromUrn = parseIdentifier(spelled.urn);
  const fromDl = parseIdentifier(spelled.dl(host));
  expect(fromUrn.scheme).toBe(spelled.scheme);
  expect(fromDl.key).toBe(fromUrn.key);
  expect(parseIdentifier(fromUrn.key).key).toBe(fromUrn.key);
  expect(parseIdentifier(spelled.urn.replace(/^urn:epc:/, "URN:EPC:")).key).toBe(fromUrn.key);
}

describe("every GS1 key of the Tag Data Standard (property-based)", () => {
  it.each(Object.keys(SCHEMES))("%s: the EPC URN and the Digital Link give one canonical key", (name) => {
    fc.assert(fc.property(SCHEMES[name]!, hosts, roundTrips), { numRuns: 300 });
  });

  it.each(Object.keys(PATTERNS))("idpat:%s: the class pattern and the Digital Link give one class key", (name) => {
    fc.assert(fc.property(PATTERNS[name]!, hosts, roundTrips), { numRuns: 300 });
  });

  it("names a class, not an instance, by each class pattern", () => {
    fc.assert(
      fc.property(fc.oneof(...Object.values(PATTERNS)), (spelled) => {
        expect(parseIdentifier(spelled.urn).kind).toBe("PRODUCT");
      }),
    );
  });

  /** The check digit's position in each check-digited key's Digital Link value, counted from the key's start. */
  const CHECKED: Record<string, { ai: string; at: number }> = {
    sgtin: { ai: "01", at: 13 },
    lgtin: { ai: "01", at: 13 },
    upui: { ai: "01", at: 13 },
    sscc: { ai: "00", at: 17 },
    sgln: { ai: "414", at: 12 },
    pgln: { ai: "417", at: 12 },
    grai: { ai: "8003", at: 13 },
    gsrn: { ai: "8018", at: 17 },
    gsrnp: { ai: "8017", at: 17 },
    gdti: { ai: "253", at: 12 },
    sgcn: { ai: "255", at: 12 },
    gsin: { ai: "402", at: 16 },
    itip: { ai: "8006", at: 13 },
  };

  it.each(Object.keys(CHECKED))("%s: every wrong check digit in a Digital Link is refused", (name) => {
    const { ai, at } = CHECKED[name]!;
    fc.assert(
      fc.property(SCHEMES[name]!, (spelled) => {
        const dl = spelled.dl("https://id.gs1.org");
        const start = dl.indexOf(`/${ai}/`) + ai.length + 2;
        const position = start + at;
        const right = dl.charAt(position);
        for (const wrong of "0123456789".replace(right, "")) {
          const mistyped = dl.slice(0, position) + wrong + dl.slice(position + 1);
          expect(() => canonicalKey(mistyped), mistyped).toThrow(IdentifierError);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("refuses a wrong check digit in every class-level Digital Link", () => {
    for (const wrong of ["https://id.gs1.org/8003/04012345000222", "https://id.gs1.org/253/4012345000093"]) {
      expect(() => canonicalKey(wrong), wrong).toThrow("wrong check digit");
    }
  });

  it.each([
    ["urn:epc:idpat:grai:4012345.*.*", "CP.AT.*"],
    ["urn:epc:idpat:itip:4012345.011111.01.*.*", "CP.IR.PP.TT.*"],
    ["urn:epc:idpat:cpi:0614141.123ABC.5", "CP.PR.*"],
    ["urn:epc:idpat:sscc:0614141.*", "names no one class"],
    ["urn:epc:idpat:sgln:0614141.*.*", "names no one class"],
    ["urn:epc:idpat:giai:0614141.*", "names no one class"],
  ])("refuses the pattern %s (%s)", (urn, reason) => {
    expect(() => canonicalKey(urn)).toThrow(IdentifierError);
    expect(() => canonicalKey(urn)).toThrow(reason);
  });
});
