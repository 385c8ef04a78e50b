import { spawnSync } from "node:child_process";

/**
 * Integration tests run against real Neo4j. Unless NEO4J_URI points at a server, start the local one (idempotent:
 * an already running instance is reused). Unit-only runs (`vitest run test/unit`) skip this.
 */
export default function setup(): void {
  const onlyUnit = process.argv.some((arg) => arg.includes("test/unit"));
  if (onlyUnit || process.env.NEO4J_URI) return;
  const result = spawnSync(process.execPath, ["scripts/db.mjs", "start"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("could not start the local Neo4j for integration tests (npm run db:start)");
}
