/**
 * The namespace prefixes an event actually uses, out of those its document declared: the prefix of every key at any
 * depth (`example:myField`, `ext1:float` inside it, `cbvmda:lotNumber` in ILMD) and of every compact IRI value
 * (`"type": "example:Temperature"`). A query document declares these and no more, so a prefix of some other event of
 * the same capture never leaks into a page that does not contain it.
 */
export function usedNamespaces(event: unknown, declared: Readonly<Record<string, string>>): Record<string, string> {
  const used: Record<string, string> = {};
  const note = (text: string): void => {
    const colon = text.indexOf(":");
    if (colon <= 0 || text.startsWith("//", colon + 1)) return;
    const prefix = text.slice(0, colon);
    const iri = declared[prefix];
    if (iri !== undefined) used[prefix] = iri;
  };
  const walk = (value: unknown): void => {
    if (typeof value === "string") note(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === "object" && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        note(key);
        walk(member);
      }
    }
  };
  walk(event);
  return used;
}
