/**
 * CBV 2.0 standard vocabularies (Core Business Vocabulary 2.0 §7-§8) used by EPCIS event fields.
 *
 * A standard term may arrive in three spellings that all mean the same thing and are normalised to the bare short
 * name EPCIS 2.0 JSON uses (`shipping`):
 *   - the short name itself;
 *   - its Web URI `https://ref.gs1.org/cbv/BizStep-shipping` (or the CURIE `cbv:BizStep-shipping`, or the
 *     `https://ns.gs1.org/cbv/` spelling of the EPCIS 2.0 drafts);
 *   - its EPCIS 1.x URN `urn:epcglobal:cbv:bizstep:shipping`.
 * A value outside CBV is only accepted as a full absolute URI (a user vocabulary), kept as sent. A bare word that is
 * not a CBV short name, or a term under a CBV namespace that CBV does not define, is an error: it is almost always a
 * typo, and accepting it would create a private vocabulary by accident.
 */

export const CBV_VOCABULARIES = [
  "bizStep",
  "disposition",
  "sourceDestType",
  "errorReason",
  "bizTransactionType",
] as const;
export type CbvVocabulary = (typeof CBV_VOCABULARIES)[number];

const BIZ_STEPS = [
  "accepting",
  "arriving",
  "assembling",
  "collecting",
  "commissioning",
  "consigning",
  "creating_class_instance",
  "cycle_counting",
  "decommissioning",
  "departing",
  "destroying",
  "disassembling",
  "dispensing",
  "encoding",
  "entering_exiting",
  "holding",
  "inspecting",
  "installing",
  "killing",
  "loading",
  "other",
  "packing",
  "picking",
  "receiving",
  "removing",
  "repackaging",
  "repairing",
  "replacing",
  "reserving",
  "retail_selling",
  "sampling",
  "sensor_reporting",
  "shipping",
  "staging_outbound",
  "stock_taking",
  "stocking",
  "storing",
  "transporting",
  "unloading",
  "unpacking",
  "void_shipping",
] as const;

const DISPOSITIONS = [
  "active",
  "available",
  "completeness_inferred",
  "completeness_verified",
  "conformant",
  "container_closed",
  "container_open",
  "damaged",
  "destroyed",
  "dispensed",
  "disposed",
  "encoded",
  "expired",
  "in_progress",
  "in_transit",
  "inactive",
  "mismatch_class",
  "mismatch_instance",
  "mismatch_quantity",
  "needs_replacement",
  "no_pedigree_match",
  "non_conformant",
  "non_sellable_other",
  "partially_dispensed",
  "recalled",
  "reserved",
  "retail_sold",
  "returned",
  "sellable_accessible",
  "sellable_not_accessible",
  "stolen",
  "unavailable",
  "unknown",
] as const;

const SOURCE_DEST_TYPES = ["owning_party", "possessing_party", "location"] as const;
const ERROR_REASONS = ["did_not_occur", "incorrect_data"] as const;
const BIZ_TRANSACTION_TYPES = [
  "bol",
  "cert",
  "desadv",
  "inv",
  "pedigree",
  "po",
  "poc",
  "prodorder",
  "recadv",
  "rma",
  "testprd",
  "testres",
  "upevt",
] as const;

interface VocabularyDefinition {
  readonly terms: ReadonlySet<string>;
  /** Web URI term prefix after `https://ref.gs1.org/cbv/`, e.g. `BizStep-`. */
  readonly webPrefix: string;
  /** EPCIS 1.x URN namespace, e.g. `urn:epcglobal:cbv:bizstep:`. */
  readonly urnPrefix: string;
}

const VOCABULARIES: Readonly<Record<CbvVocabulary, VocabularyDefinition>> = {
  bizStep: { terms: new Set(BIZ_STEPS), webPrefix: "BizStep-", urnPrefix: "urn:epcglobal:cbv:bizstep:" },
  disposition: { terms: new Set(DISPOSITIONS), webPrefix: "Disp-", urnPrefix: "urn:epcglobal:cbv:disp:" },
  sourceDestType: { terms: new Set(SOURCE_DEST_TYPES), webPrefix: "SDT-", urnPrefix: "urn:epcglobal:cbv:sdt:" },
  errorReason: { terms: new Set(ERROR_REASONS), webPrefix: "ER-", urnPrefix: "urn:epcglobal:cbv:er:" },
  bizTransactionType: { terms: new Set(BIZ_TRANSACTION_TYPES), webPrefix: "BTT-", urnPrefix: "urn:epcglobal:cbv:btt:" },
};

/** The CBV 2.0 Web URI namespace of every standard term. */
export const CBV_WEB_NAMESPACE = "https://ref.gs1.org/cbv/";

const CBV_NAMESPACE_SPELLINGS = [CBV_WEB_NAMESPACE, "http://ref.gs1.org/cbv/", "https://ns.gs1.org/cbv/", "cbv:"];

/** An absolute URI (RFC 3986 scheme, colon, something). */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export type CbvResult =
  | { ok: true; value: string; standard: true }
  | { ok: true; value: string; standard: false }
  | { ok: false; reason: string };

/**
 * Normalises one vocabulary value: a standard term (any spelling) to its short name, a user-vocabulary URI to
 * itself (trimmed). `ok: false` explains why the value is neither.
 */
export function normaliseCbv(vocabulary: CbvVocabulary, input: string): CbvResult {
  const value = input.trim();
  const definition = VOCABULARIES[vocabulary];
  const term = termOf(definition, value);
  if (term !== undefined) {
    if (definition.terms.has(term)) return { ok: true, value: term, standard: true };
    return { ok: false, reason: `"${term}" is not a CBV 2.0 ${vocabulary} term` };
  }
  if (ABSOLUTE_URI.test(value)) return { ok: true, value, standard: false };
  return { ok: false, reason: `"${value}" is neither a CBV 2.0 ${vocabulary} short name nor an absolute URI` };
}

/** The term a value names when it is a bare word or sits under the vocabulary's CBV namespace; else undefined. */
function termOf(definition: VocabularyDefinition, value: string): string | undefined {
  if (/^[A-Za-z0-9_]+$/.test(value)) return value;
  if (value.toLowerCase().startsWith(definition.urnPrefix)) return value.slice(definition.urnPrefix.length);
  for (const namespace of CBV_NAMESPACE_SPELLINGS) {
    if (value.startsWith(namespace + definition.webPrefix))
      return value.slice(namespace.length + definition.webPrefix.length);
  }
  return undefined;
}

/** The short name of a standard term in any spelling; undefined for user vocabularies and invalid values. */
export function cbvShortName(vocabulary: CbvVocabulary, input: string): string | undefined {
  const result = normaliseCbv(vocabulary, input);
  return result.ok && result.standard ? result.value : undefined;
}

/** A value as a Web URI: `https://ref.gs1.org/cbv/BizStep-shipping` for standard terms, user URIs unchanged. */
export function cbvWebUri(vocabulary: CbvVocabulary, input: string): string {
  const result = normaliseCbv(vocabulary, input);
  if (!result.ok) return input.trim();
  return result.standard ? CBV_WEB_NAMESPACE + VOCABULARIES[vocabulary].webPrefix + result.value : result.value;
}
