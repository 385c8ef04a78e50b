import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { registerOrganization } from "./access-fixtures.js";

const run = promisify(execFile);

/** `npm run cli -- keys …` as a user runs it (tsx src/cli/cli.ts), on the tests' database; its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["src/cli/cli.ts", ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("npm run cli -- keys (dispatched from src/cli/cli.ts)", () => {
  const server = useTestApp();

  it("creates a key that works over HTTP, lists it, and revokes it so it no longer does", async () => {
    const org = await registerOrganization();
    const created = await cli("keys", "create", "--org", org, "--role", "partner", "--name", "cli test");
    expect(created.code, created.stderr).toBe(0);
    const id = /^id\t(\S+)$/m.exec(created.stdout)?.[1] ?? "";
    const key = /^key\t(\S+)$/m.exec(created.stdout)?.[1] ?? "";
    expect(key).toMatch(new RegExp(`^tgk_${id}_`));
    expect(created.stderr).toMatch(/shown this once/);

    // An authenticated read that answers at once whatever the store holds: one event id, found through its index.
    const events = () =>
      authFetch(`${server.base}/epcis/events?perPage=1&EQ_eventID=urn:uuid:${crypto.randomUUID()}`, { as: key });
    expect((await events()).status).toBe(200);

    const listed = await cli("keys", "list", "--org", org);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\tPARTNER\t${org}\tactive\tcli test\t`, "m"));
    expect(listed.stdout).not.toContain(key);

    const revoked = await cli("keys", "revoke", id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^revoked\t${id}\t`));
    expect((await events()).status).toBe(401);
  }, 120_000);

  it("exits 2 with the usage, before touching the database, for a keys command line it does not understand", async () => {
    const result = await cli("keys", "create", "--org", "uscc:X");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/keys create needs --role[\s\S]*keys create --org ID --role ROLE/);
  });
});
