import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gs1CheckDigit } from "../../../src/codes/gs1-check-digit.js";
import { IdentifierError } from "../../../src/codes/identifier-error.js";
import { canonicalKey, parseIdentifier } from "../../../src/codes/parse-identifier.js";

/** GS1 AI encodable character set 82. */
const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
/** The characters TDS requires to be escaped in an EPC URN. */
const URN_MUST_ESCAPE = `"%&/<>?`;

const hex = (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
const urnEscape = (value: string): string => [...value].map((c) => (URN_MUST_ESCAPE.includes(c) ? hex(c) : c)).join("");

/** Digital Link writers differ: some leave `!'()*` bare, some escape everything, some write lower-case hex. */
const dlEncoders = fc.constantFrom(
  (value: string) => encodeURIComponent(value),
  (value: string) => [...value].map((c) => (/[A-Za-z0-9]/.test(c) ? c : hex(c))).join(""),
  (value: string) => [...value].map((c) => (/[A-Za-z0-9]/.test(c) ? c : hex(c).toLowerCase())).join(""),
);
const dlPrefixes = fc.constantFrom("https://id.gs1.org", "http://example.com", "HTTPS://Shop.Example.CN:8443/qr/v1");
const gs1Text = (maxLength: number) => fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength });
const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
/** A company prefix of 6-12 digits and a reference that together have `total` digits. */
const companyAndReference = (total: number) =>
  fc.integer({ min: 6, max: 12 }).chain((length) => fc.tuple(digits(length), digits(total - length)));
const withCheck = (body: string): string => body + gs1CheckDigit(body);
/** URN namespaces are case-insensitive and inputs may carry surrounding whitespace. */
const urnSpelling = fc.constantFrom(
  (urn: string) => urn,
  (urn: string) => ` ${urn.replace(/^urn:epc:/, "URN:EPC:")}\t`,
);

type Pair = { urn: string; dl: string };

const sgtinPairs: fc.Arbitrary<Pair> = fc
  .tuple(companyAndReference(13), gs1Text(20), dlPrefixes, dlEncoders)
  .map(([[cp, ir], serial, prefix, encode]) => {
    const gtin = withCheck(ir.slice(0, 1) + cp + ir.slice(1));
    return {
      urn: `urn:epc:id:sgtin:${cp}.${ir}.${urnEscape(serial)}`,
      dl: `${prefix}/01/${gtin}/21/${encode(serial)}`,
    };
  });

const lgtinPairs: fc.Arbitrary<Pair> = fc
  .tuple(companyAndReference(13), gs1Text(20), dlPrefixes, dlEncoders)
  .map(([[cp, ir], lot, prefix, encode]) => {
    const gtin = withCheck(ir.slice(0, 1) + cp + ir.slice(1));
    return { urn: `urn:epc:class:lgtin:${cp}.${ir}.${urnEscape(lot)}`, dl: `${prefix}/01/${gtin}/10/${encode(lot)}` };
  });

const productPairs: fc.Arbitrary<Pair> = fc.tuple(companyAndReference(13), dlPrefixes).map(([[cp, ir], prefix]) => {
  const gtin = withCheck(ir.slice(0, 1) + cp + ir.slice(1));
  return { urn: `urn:epc:idpat:sgtin:${cp}.${ir}.*`, dl: `${prefix}/01/${gtin}` };
});

const ssccPairs: fc.Arbitrary<Pair> = fc.tuple(companyAndReference(17), dlPrefixes).map(([[cp, sr], prefix]) => ({
  urn: `urn:epc:id:sscc:${cp}.${sr}`,
  dl: `${prefix}/00/${withCheck(sr.slice(0, 1) + cp + sr.slice(1))}`,
}));

const sglnPairs: fc.Arbitrary<Pair> = fc
  .tuple(companyAndReference(12), fc.oneof(fc.constant("0"), gs1Text(20)), dlPrefixes, dlEncoders)
  .map(([[cp, lr], extension, prefix, encode]) => ({
    urn: `urn:epc:id:sgln:${cp}.${lr}.${urnEscape(extension)}`,
    dl: `${prefix}/414/${withCheck(cp + lr)}${extension === "0" ? "" : `/254/${encode(extension)}`}`,
  }));

const pglnPairs: fc.Arbitrary<Pair> = fc.tuple(companyAndReference(12), dlPrefixes).map(([[cp, pr], prefix]) => ({
  urn: `urn:epc:id:pgln:${cp}.${pr}`,
  dl: `${prefix}/417/${withCheck(cp + pr)}`,
}));

const graiPairs: fc.Arbitrary<Pair> = fc
  .tuple(companyAndReference(12), gs1Text(16), dlPrefixes, dlEncoders)
  .map(([[cp, at], serial, prefix, encode]) => ({
    urn: `urn:epc:id:grai:${cp}.${at}.${urnEscape(serial)}`,
    dl: `${prefix}/8003/${withCheck(`0${cp}${at}`)}${encode(serial)}`,
  }));

const itipPairs: fc.Arbitrary<Pair> = fc
  .tuple(companyAndReference(13), fc.integer({ min: 1, max: 99 }), gs1Text(20), dlPrefixes, dlEncoders)
  .map(([[cp, ir], total, serial, prefix, encode]) => {
    const pieceTotal = String(total).padStart(2, "0").repeat(2);
    const gtin = withCheck(ir.slice(0, 1) + cp + ir.slice(1));
    const urnBody = `${cp}.${ir}.${pieceTotal.slice(0, 2)}.${pieceTotal.slice(2)}.${urnEscape(serial)}`;
    return { urn: `urn:epc:id:itip:${urnBody}`, dl: `${prefix}/8006/${gtin}${pieceTotal}/21/${encode(serial)}` };
  });

const anyPair = fc.oneof(sgtinPairs, lgtinPairs, productPairs, ssccPairs, sglnPairs, pglnPairs, graiPairs, itipPairs);

describe("GS1 identifiers (property-based)", () => {
  it("gives the EPC URN and the Digital Link of one object the same canonical key", () => {
    fc.assert(
      fc.property(anyPair, urnSpelling, ({ urn, dl }, spell) => {
        expect(canonicalKey(spell(urn))).toBe(canonicalKey(dl));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the decoded serial through URN, Digital Link and canonical key", () => {
    fc.assert(
      fc.property(companyAndReference(13), gs1Text(20), dlEncoders, ([cp, ir], serial, encode) => {
        const fromUrn = parseIdentifier(`urn:epc:id:sgtin:${cp}.${ir}.${urnEscape(serial)}`);
        const gtin = fromUrn.gtin ?? "";
        expect(fromUrn.serial).toBe(serial);
        expect(parseIdentifier(`https://example.com/01/${gtin}/21/${encode(serial)}`).serial).toBe(serial);
        expect(parseIdentifier(fromUrn.key).serial).toBe(serial);
      }),
    );
  });

  it("makes canonicalKey idempotent", () => {
    fc.assert(
      fc.property(anyPair, fc.boolean(), ({ urn, dl }, useUrn) => {
        const key = canonicalKey(useUrn ? urn : dl);
        expect(canonicalKey(key)).toBe(key);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects every wrong check digit of a GTIN, SSCC and GLN", () => {
    const keys = fc.oneof(
      digits(13).map((body) => ({ ai: "01", key: withCheck(body) })),
      digits(17).map((body) => ({ ai: "00", key: withCheck(body) })),
      digits(12).map((body) => ({ ai: "414", key: withCheck(body) })),
      digits(12).map((body) => ({ ai: "417", key: withCheck(body) })),
    );
    fc.assert(
      fc.property(keys, ({ ai, key }) => {
        for (const wrong of "0123456789".replace(key.slice(-1), "")) {
          const uri = `https://id.gs1.org/${ai}/${key.slice(0, -1)}${wrong}`;
          expect(() => canonicalKey(uri)).toThrow(IdentifierError);
        }
        expect(canonicalKey(`https://id.gs1.org/${ai}/${key}`)).toBe(`https://id.gs1.org/${ai}/${key}`);
      }),
    );
  });

  it("rejects an EPC URN whose company prefix and reference have the wrong total length", () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 12 }), fc.integer({ min: 0, max: 12 }), (cpLength, refLength) => {
        fc.pre(cpLength + refLength !== 13);
        const urn = `urn:epc:id:sgtin:${"1".repeat(cpLength)}.${"2".repeat(refLength)}.S1`;
        expect(() => canonicalKey(urn)).toThrow(IdentifierError);
      }),
    );
  });
});
