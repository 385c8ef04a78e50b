import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

/**
 * GS1's EPCIS 2.0 examples and schema live in `../shared/conformance/epcis2` beside the project root. Tests that
 * need them fail (never skip) when the folder is missing, so a CI without it cannot pass silently.
 */
const projectRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const CONFORMANCE_DIR = path.resolve(projectRoot, "../shared/conformance/epcis2");

export function missingConformanceMessage(): string {
  return `GS1 EPCIS conformance folder not found at ${CONFORMANCE_DIR} (expected ../shared beside the project root)`;
}

export function hasConformanceFolder(): boolean {
  return existsSync(path.join(CONFORMANCE_DIR, "examples"));
}

/** File names of the GS1 example documents; empty when the folder is missing (the folder test fails then). */
export function exampleNames(): string[] {
  if (!hasConformanceFolder()) return [];
  return readdirSync(path.join(CONFORMANCE_DIR, "examples"))
    .filter((name) => name.endsWith(".jsonld"))
    .sort();
}

/** A fresh parsed copy of one GS1 example, for deriving variants. */
export function loadExample(name: string): Record<string, unknown> {
  if (!hasConformanceFolder()) throw new Error(missingConformanceMessage());
  return JSON.parse(readFileSync(path.join(CONFORMANCE_DIR, "examples", name), "utf8")) as Record<string, unknown>;
}

export function loadSharedSchema(): unknown {
  const file = path.join(CONFORMANCE_DIR, "schema", "EPCIS-JSON-Schema.json");
  if (!existsSync(file)) throw new Error(missingConformanceMessage());
  return JSON.parse(readFileSync(file, "utf8"));
}
