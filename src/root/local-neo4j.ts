import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, whether running from src/ (tsx) or dist/src/ (compiled). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "scripts", "db.mjs"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find scripts/db.mjs above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Starts the local Neo4j through the same script as `npm run db:start` (idempotent: a running one is reused). */
export function startLocalNeo4j(): void {
  // The launcher's progress goes to stderr: stdout is the command's answer (a CLI's key, list or report) or the log.
  const result = spawnSync(process.execPath, [path.join(projectRoot(), "scripts", "db.mjs"), "start"], {
    stdio: ["ignore", 2, "inherit"],
  });
  if (result.status !== 0) throw new Error("could not start the local Neo4j; see the log above");
}
