import { describe, expect, it } from "vitest";
import { AccessRole, isAccessRole } from "../../../src/access/access-role.js";
import { requireRole } from "../../../src/access/require-role.js";
import type { Principal } from "../../../src/access/principal.js";
import { ForbiddenError, UnauthenticatedError } from "../../../src/errors/app-errors.js";

const partner: Principal = { credentialId: "k1", organizationId: "uscc:x", role: AccessRole.PARTNER, kind: "API_KEY" };

describe("requireRole", () => {
  it("answers the principal when it has one of the roles", () => {
    expect(requireRole(partner, AccessRole.ADMIN, AccessRole.PARTNER)).toBe(partner);
  });

  it("refuses another role with FORBIDDEN", () => {
    expect(() => requireRole(partner, AccessRole.ADMIN)).toThrow(ForbiddenError);
  });

  it("refuses no principal at all with UNAUTHENTICATED", () => {
    expect(() => requireRole(undefined, AccessRole.ADMIN)).toThrow(UnauthenticatedError);
    expect(() => requireRole(null, AccessRole.ADMIN)).toThrow(UnauthenticatedError);
  });
});

describe("AccessRole", () => {
  it("has the contract's four roles and nothing else", () => {
    expect(Object.values(AccessRole).sort()).toEqual(["ADMIN", "MANUFACTURER", "PARTNER", "REGULATOR"]);
    expect(isAccessRole("ADMIN")).toBe(true);
    expect(isAccessRole("admin")).toBe(false);
    expect(isAccessRole("toString")).toBe(false);
  });
});
