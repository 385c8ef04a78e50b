import { parseIdentifier } from "../codes/index.js";

const CLASS_KINDS = new Set(["PRODUCT", "LOT"]);

/**
 * The EPCIS query keys of a native event's objects (canonical keys), as capture keeps them for EPCIS events:
 * instances (items, containers) in `epcKeys` for MATCH_epc, classes (products, lots) in `classKeys` for
 * MATCH_epcClass, and a container the event packs into in `parentKey` (MATCH_anyEPC).
 */
export function nativeMatchKeys(
  keys: readonly string[],
  parentKey?: string,
): { epcKeys: string[]; classKeys: string[]; parentKey?: string } {
  const epcKeys: string[] = [];
  const classKeys: string[] = [];
  for (const key of new Set(keys)) (isClassKey(key) ? classKeys : epcKeys).push(key);
  return { epcKeys, classKeys, ...(parentKey !== undefined && { parentKey }) };
}

/** A product or lot (a class of objects) rather than one instance; a key that is no identifier counts as one instance. */
export function isClassKey(key: string): boolean {
  try {
    return CLASS_KINDS.has(parseIdentifier(key).kind);
  } catch {
    return false;
  }
}
