import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { query } from "../../../src/graph/query.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import { writeEventStream } from "../../support/epcis-stream.js";

const EVENTS = 100_000;

function runImport(file: string, report: string) {
  const result = spawnSync("npx", ["tsx", "src/cli/import.ts", "--batch", "2000", "--report", report, file], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "warn" },
    timeout: 600_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe(`bulk import CLI with ${EVENTS.toLocaleString("en")} NDJSON events`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tracegraph-import-"));
  const runId = uniqueSuffix();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports once, reports everything as duplicates the second time, and keeps one node per identifier", async () => {
    const file = path.join(dir, "events.ndjson");
    const keys = await writeEventStream(file, EVENTS, runId);

    const first = runImport(file, path.join(dir, "first.json"));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`${EVENTS} events read, ${EVENTS} captured, 0 duplicates, 0 rejected`));
    expect(first.stderr).toMatch(/events\/s/);

    const second = runImport(file, path.join(dir, "second.json"));
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`${EVENTS} events read, 0 captured, ${EVENTS} duplicates, 0 rejected`));

    const { executor } = await testServices();
    const rows = await executor.read(
      query("test.bulkImport.found", "UNWIND $keys AS key MATCH (o:Obj {key: key}) RETURN count(o) AS found", {
        keys: [...keys],
      }),
    );
    expect(rows[0]?.found).toBe(keys.size);
    const stray = await executor.read(
      query(
        "test.bulkImport.stray",
        "MATCH (o:Obj) WHERE o.key CONTAINS $runId AND NOT o.key IN $keys RETURN collect(o.key) AS extra",
        {
          runId,
          keys: [...keys],
        },
      ),
    );
    expect(stray[0]?.extra).toEqual([]);
  }, 900_000);
});
