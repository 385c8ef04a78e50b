import { resolveIdentifier } from "../codes/index.js";
import type { MasterDataRow } from "../graph/flow-model.js";
import type { NamespaceMap } from "./epcis-event.type.js";
import { objectOf } from "./event-checks.js";
import { STANDARD_NAMESPACES } from "./namespaces.js";
import { usedNamespaces } from "./used-namespaces.js";

/** The vocabulary types of EPCIS 1.2 / 2.0 master data (CBV §8) we link to our graph; any other type is kept as is. */
export const VocabularyType = {
  READ_POINT: "urn:epcglobal:epcis:vtype:ReadPoint",
  BUSINESS_LOCATION: "urn:epcglobal:epcis:vtype:BusinessLocation",
  PARTY: "urn:epcglobal:epcis:vtype:Party",
  EPC_CLASS: "urn:epcglobal:epcis:vtype:EPCClass",
} as const;

export const LOCATION_VOCABULARIES: readonly string[] = [VocabularyType.READ_POINT, VocabularyType.BUSINESS_LOCATION];

/** `https://ref.gs1.org/epcis/vtype/ReadPoint` and `ReadPoint` say what `urn:epcglobal:epcis:vtype:ReadPoint` says. */
export function canonicalVocabularyType(type: string): string {
  const trimmed = type.trim();
  const web = /^https?:\/\/(?:ref\.gs1\.org|ns\.gs1\.org)\/epcis\/vtype\/([A-Za-z]+)$/.exec(trimmed);
  if (web) return `urn:epcglobal:epcis:vtype:${web[1]}`;
  if (/^[A-Za-z]+$/.test(trimmed)) return `urn:epcglobal:epcis:vtype:${trimmed}`;
  return trimmed;
}

/**
 * The key a vocabulary element is stored and found under: the canonical key of a GS1 identifier in any spelling (an
 * SGLN URN and its Digital Link meet, as locations do in capture), any other URI as given.
 */
export function vocabularyElementKey(id: string): string {
  try {
    return resolveIdentifier(id).key;
  } catch {
    return id.trim();
  }
}

/** Local names of the CBV master data attributes (CBV §10) read into the element's name and address. */
const NAME_ATTRIBUTES = ["name", "descriptionShort", "tradeItemDescription", "productName", "organizationName"];
const ADDRESS_ATTRIBUTES = [
  "streetAddressOne",
  "streetAddressTwo",
  "streetAddressThree",
  "city",
  "state",
  "postalCode",
  "countryCode",
  "address",
  "latitude",
  "longitude",
];

/**
 * The vocabularies of an EPCIS document's `epcisHeader.epcisMasterData` as rows to store: every element of every
 * vocabulary, its attributes kept exactly as sent (with the namespaces they use), its name and address read from the
 * CBV attributes. The document passed the EPCIS JSON schema already; anything not shaped as an element is skipped.
 */
export function masterDataOf(document: unknown, namespaces: NamespaceMap): MasterDataRow[] {
  const header = objectOf(objectOf(document)?.epcisHeader);
  const list = objectOf(header?.epcisMasterData)?.vocabularyList;
  if (!Array.isArray(list)) return [];
  // The standard context's prefixes are never re-declared (it protects them): only the document's own ones are kept.
  const own = Object.fromEntries(Object.entries(namespaces).filter(([prefix]) => !(prefix in STANDARD_NAMESPACES)));
  const rows = new Map<string, MasterDataRow>();
  for (const vocabulary of list) {
    const type = objectOf(vocabulary)?.type;
    const elements = objectOf(vocabulary)?.vocabularyElementList;
    if (typeof type !== "string" || !Array.isArray(elements)) continue;
    for (const element of elements) {
      const row = elementRow(canonicalVocabularyType(type), objectOf(element), own);
      // The last element of one type and key in a document wins, as a later capture of it would.
      if (row) rows.set(`${row.vtype}|${row.key}`, row);
    }
  }
  return [...rows.values()];
}

function elementRow(
  vtype: string,
  element: Record<string, unknown> | undefined,
  namespaces: NamespaceMap,
): MasterDataRow | undefined {
  if (!element || typeof element.id !== "string") return undefined;
  const attributes = Array.isArray(element.attributes) ? element.attributes.filter((a) => objectOf(a)) : [];
  const children = Array.isArray(element.children) ? element.children.filter((c) => typeof c === "string") : [];
  const named = new Map<string, unknown>();
  for (const attribute of attributes as Record<string, unknown>[]) {
    if (typeof attribute.id === "string") named.set(localName(attribute.id), attribute.attribute);
  }
  const name = NAME_ATTRIBUTES.map((n) => named.get(n)).find((v) => typeof v === "string" || typeof v === "number");
  const address = Object.fromEntries(
    ADDRESS_ATTRIBUTES.filter((n) => named.get(n) !== undefined).map((n) => [n, named.get(n)]),
  );
  return {
    vtype,
    id: element.id,
    key: vocabularyElementKey(element.id),
    name: name === undefined ? null : String(name),
    address: Object.keys(address).length ? JSON.stringify(address) : null,
    attributes: JSON.stringify(attributes),
    children: (children as string[]).map(vocabularyElementKey),
    namespaces: JSON.stringify(usedNamespaces(attributes, namespaces)),
  };
}

/** `cbvmda:name`, `urn:epcglobal:cbv:mda#name`, `https://gs1.org/voc/name`: the attribute's local name, `name`. */
function localName(id: string): string {
  const cut = Math.max(id.lastIndexOf("#"), id.lastIndexOf("/"), id.lastIndexOf(":"));
  return id.slice(cut + 1);
}
