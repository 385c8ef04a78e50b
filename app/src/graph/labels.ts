/** Short labels for long canonical keys: what a person recognises on a node. */
export function shortLabel(key: string): string {
  const urn = /^urn:epc:(?:id|class):([a-z]+):(.+)$/.exec(key);
  if (urn) {
    const [, scheme, rest] = urn as unknown as [string, string, string];
    const parts = rest.split(".");
    return `${scheme} ${parts.slice(1).join(".")}`;
  }
  const link = /^https?:\/\/[^/]+\/(01|00|414|8003|8004)\/([^/?]+)(?:\/(10|21|254)\/([^/?]+))?/.exec(key);
  if (link) {
    const [, ai, id, qualifier, value] = link as unknown as [string, string, string, string?, string?];
    const tail = id.length > 6 ? `…${id.slice(-6)}` : id;
    if (qualifier === "10") return `${decodeURIComponent(value ?? "")} (${tail})`;
    if (qualifier === "21") return `#${decodeURIComponent(value ?? "")} (${tail})`;
    if (ai === "00") return `SSCC ${tail}`;
    return `${ai === "01" ? "GTIN" : ai} ${id}`;
  }
  if (key.startsWith("uscc:")) return key.slice(5);
  if (key.length > 28) return `${key.slice(0, 12)}…${key.slice(-12)}`;
  return key;
}

export const KIND_COLORS: Record<string, string> = {
  PRODUCT: "#7c3aed",
  LOT: "#2563eb",
  ITEM: "#0891b2",
  CONTAINER: "#ca8a04",
  CODE: "#0d9488",
  ORGANIZATION: "#475569",
  CLUSTER: "#db2777",
};
