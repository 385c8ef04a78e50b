import { GS1_CANONICAL_ORIGIN } from "../codes/index.js";

/**
 * The code as a person reads it off a label: our trace code in its canonical printed form, a GS1 key as its
 * Human Readable Interpretation, the AIs in brackets with their plain values (`(01) 06901234567892 (10) L2026`).
 */
export function humanReadableCode(key: string): string {
  if (!key.startsWith(`${GS1_CANONICAL_ORIGIN}/`)) return key;
  const parts = key.slice(GS1_CANONICAL_ORIGIN.length + 1).split("/");
  const out: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push(`(${parts[i]}) ${decodeValue(parts[i + 1] ?? "")}`);
  return out.join(" ");
}

/** Canonical keys encode every value strictly as `%XX`, so decoding cannot fail; guard anyway. */
function decodeValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
