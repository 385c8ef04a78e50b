import { describe, expect, it } from "vitest";
import { keysCommand, type CommandOutput } from "../../../src/cli/keys-command.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { apiKeyService, registerOrganization } from "./access-fixtures.js";

/** Runs `keys …` against the real graph, capturing what it prints. */
async function keys(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const output: CommandOutput = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await keysCommand(args, await apiKeyService(), output);
  return { code, out, err };
}

describe("npm run cli -- keys", () => {
  it("creates a key, printing its id and the key once; lists it without the secret; revokes it", async () => {
    const org = await registerOrganization();
    const created = await keys("create", "--org", org, "--role", "manufacturer", "--name", "line 3 scanner");
    expect(created.code).toBe(0);
    const [idLine, keyLine] = created.out;
    const id = idLine?.split("\t")[1] ?? "";
    const key = keyLine?.split("\t")[1] ?? "";
    expect(idLine).toBe(`id\t${id}`);
    expect(key).toMatch(new RegExp(`^tgk_${id}_`));
    expect(created.err.join("\n")).toMatch(/shown this once/);

    const listed = await keys("list", "--org", org);
    expect(listed.code).toBe(0);
    expect(listed.out[0]).toMatch(/^id\trole\torganization\tstatus/);
    expect(listed.out[1]).toMatch(new RegExp(`^${id}\tMANUFACTURER\t${org}\tactive\tline 3 scanner\t`));
    expect(listed.out.join("\n")).not.toContain(key.slice(-20));

    expect((await keys("revoke", id)).code).toBe(0);
    expect((await keys("list", "--org", org)).out[1]).toContain("\trevoked\t");
  });

  it("exits 1 for an organisation that is not registered and for an unknown key id", async () => {
    const unknownOrg = await keys("create", "--org", randomUscc(), "--role", "PARTNER");
    expect(unknownOrg.code).toBe(1);
    expect(unknownOrg.err.join("\n")).toMatch(/No organisation ".*" is registered/);
    expect((await keys("revoke", "0123456789abcdef0123")).code).toBe(1);
  });

  it("exits 2 with the usage for a command line it does not understand", async () => {
    const result = await keys("create", "--org", "uscc:X");
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(/--role[\s\S]*keys create --org ID --role ROLE/);
  });
});
