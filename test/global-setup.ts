import { spawnSync } from "node:child_process";

/**
 * Integration tests run against real Neo4j. Unless NEO4J_URI points at a server, start the local one (idempotent:
 * an already running instance is reused). Unit-only runs (`vitest run test/unit`) skip this.
 */
export default function setup(): void {
  // Label sheets embed a CJK font (Debian fonts-droid-fallback); installed here when missing and we may (root).
  const font = spawnSync(process.execPath, ["scripts/ensure-font.mjs"], { stdio: "inherit" });
  if (font.status !== 0) throw new Error("the CJK label font is missing: run `node scripts/ensure-font.mjs` as root");
  // Label tests render PDFs at 203 dpi with Debian's poppler-utils (pdftoppm); the browser app needs chromium.
  const tools = spawnSync(process.execPath, ["scripts/ensure-test-tools.mjs"], { stdio: "inherit" });
  if (tools.status !== 0)
    throw new Error("pdftoppm or chromium is missing: run `node scripts/ensure-test-tools.mjs` as root");
  const onlyUnit = process.argv.some((arg) => arg.includes("test/unit"));
  if (onlyUnit || process.env.NEO4J_URI) return;
  const result = spawnSync(process.execPath, ["scripts/db.mjs", "start"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("could not start the local Neo4j for integration tests (npm run db:start)");
}
