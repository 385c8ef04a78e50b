import { describe, expect, it } from "vitest";
import { KeysUsageError, parseKeysCommand } from "../../../src/cli/keys-command.js";

describe("keys command line", () => {
  it("reads create with its options, the role in any case", () => {
    expect(
      parseKeysCommand([
        "create",
        "--org",
        "uscc:X",
        "--role",
        "partner",
        "--name",
        "ERP",
        "--expires",
        "2030-01-01T00:00:00Z",
      ]),
    ).toEqual({
      action: "create",
      organizationId: "uscc:X",
      role: "PARTNER",
      name: "ERP",
      expiresAt: new Date("2030-01-01T00:00:00Z"),
    });
  });

  it("reads list with or without --org, and revoke with one id", () => {
    expect(parseKeysCommand(["list"])).toEqual({ action: "list", organizationId: null });
    expect(parseKeysCommand(["list", "--org", "uscc:X"])).toEqual({ action: "list", organizationId: "uscc:X" });
    expect(parseKeysCommand(["revoke", "abc"])).toEqual({ action: "revoke", id: "abc" });
  });

  it("refuses what is not a keys command with a usage error naming the problem", () => {
    const cases: [string[], RegExp][] = [
      [[], /keys what/],
      [["rotate"], /keys what/],
      [["create", "--role", "ADMIN"], /--org/],
      [["create", "--org", "uscc:X"], /--role/],
      [["create", "--org", "uscc:X", "--role", "OWNER"], /ADMIN, MANUFACTURER, PARTNER, REGULATOR/],
      [["create", "--org", "uscc:X", "--role", "ADMIN", "--expires", "2030-01-01"], /ISO 8601 instant/],
      [["create", "--org", "uscc:X", "--role", "ADMIN", "--bogus"], /bogus/],
      [["list", "--role", "ADMIN"], /--role is not an option/],
      [["revoke"], /one key id/],
      [["revoke", "a", "b"], /one key id/],
    ];
    for (const [args, message] of cases) {
      expect(() => parseKeysCommand(args), args.join(" ")).toThrow(KeysUsageError);
      expect(() => parseKeysCommand(args), args.join(" ")).toThrow(message);
    }
  });
});
