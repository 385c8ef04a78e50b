/**
 * Which sequences of GS1 application identifiers name one object, per the GS1 Digital Link key/qualifier rules
 * restricted to the keys EPCIS 2.0 uses. An EPC URN is first turned into the same AI sequence, so this table is the
 * single place that decides what kind of GS1 object an identifier is.
 */
export type Gs1Scheme =
  | "gtin"
  | "sgtin"
  | "lgtin"
  | "upui"
  | "sscc"
  | "sgln"
  | "pgln"
  | "grai"
  | "giai"
  | "gsrn"
  | "gsrnp"
  | "gdti"
  | "cpi"
  | "sgcn"
  | "ginc"
  | "gsin"
  | "itip"
  // Class-level keys (TDS pattern URIs with only the serial starred, Digital Links without the serial): an asset
  // type, a document type, a coupon, a part, a piece of a trade item; like "gtin", they name a class of objects.
  | "grai-class"
  | "gdti-class"
  | "sgcn-class"
  | "cpi-class"
  | "itip-class";

interface KeyPattern {
  readonly scheme: Gs1Scheme;
  readonly ais: readonly string[];
}

const KEY_PATTERNS: readonly KeyPattern[] = [
  { scheme: "gtin", ais: ["01"] },
  { scheme: "sgtin", ais: ["01", "21"] },
  // Digital Link allows the lot between GTIN and serial; the serial alone already names the item.
  { scheme: "sgtin", ais: ["01", "10", "21"] },
  { scheme: "lgtin", ais: ["01", "10"] },
  { scheme: "upui", ais: ["01", "235"] },
  { scheme: "sscc", ais: ["00"] },
  { scheme: "sgln", ais: ["414"] },
  { scheme: "sgln", ais: ["414", "254"] },
  { scheme: "pgln", ais: ["417"] },
  { scheme: "grai", ais: ["8003"] },
  { scheme: "giai", ais: ["8004"] },
  { scheme: "gsrn", ais: ["8018"] },
  { scheme: "gsrnp", ais: ["8017"] },
  { scheme: "gdti", ais: ["253"] },
  { scheme: "cpi", ais: ["8010", "8011"] },
  { scheme: "sgcn", ais: ["255"] },
  { scheme: "ginc", ais: ["401"] },
  { scheme: "gsin", ais: ["402"] },
  { scheme: "itip", ais: ["8006", "21"] },
  { scheme: "itip", ais: ["8006", "10", "21"] },
  { scheme: "cpi-class", ais: ["8010"] },
  { scheme: "itip-class", ais: ["8006"] },
];

/**
 * GRAI, GDTI and GCN carry their serial inside the key's own AI (8003, 253, 255), optional there: the value's length
 * tells an instance from its class.
 */
const CLASS_WITHOUT_SERIAL: Readonly<Partial<Record<Gs1Scheme, { ai: string; length: number; scheme: Gs1Scheme }>>> = {
  grai: { ai: "8003", length: 14, scheme: "grai-class" },
  gdti: { ai: "253", length: 13, scheme: "gdti-class" },
  sgcn: { ai: "255", length: 13, scheme: "sgcn-class" },
};

/** The class scheme when a GRAI, GDTI or GCN value has no serial part; otherwise `scheme` itself. */
export function schemeOfValues(scheme: Gs1Scheme, values: ReadonlyMap<string, string>): Gs1Scheme {
  const rule = CLASS_WITHOUT_SERIAL[scheme];
  return rule !== undefined && values.get(rule.ai)?.length === rule.length ? rule.scheme : scheme;
}

const PRIMARY_KEY_AIS = new Set(KEY_PATTERNS.map((pattern) => pattern.ais[0]));

/** The scheme whose key is exactly this AI sequence, in this order. */
export function gs1SchemeOfAis(ais: readonly string[]): Gs1Scheme | undefined {
  const joined = ais.join("/");
  return KEY_PATTERNS.find((pattern) => pattern.ais.join("/") === joined)?.scheme;
}

/** True for the AI that starts a GS1 key (01, 00, 414, ...), as opposed to a qualifier (21, 10, 254, ...). */
export function isPrimaryKeyAi(ai: string): boolean {
  return PRIMARY_KEY_AIS.has(ai);
}
