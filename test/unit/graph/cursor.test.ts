import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../../src/graph/cursor.js";

describe("keyset cursors", () => {
  it("decodes what it encoded", () => {
    const cursor = encodeCursor(["2026-01-01T08:00:00.000Z", "alert-1"]);
    expect(decodeCursor(cursor, ["datetime", "text"])).toEqual(["2026-01-01T08:00:00.000Z", "alert-1"]);
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["a text where a date-time belongs", encodeCursor(["garbage", "x"])],
    ["numbers", encodeCursor([1, 2])],
    ["the wrong arity", encodeCursor(["2026-01-01T08:00:00Z"])],
    ["an impossible date", encodeCursor(["2026-13-45T99:00:00Z", "x"])],
  ])("refuses %s with BAD_USER_INPUT", (_what, cursor) => {
    expect(() => decodeCursor(cursor, ["datetime", "text"])).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "after" }) }),
    );
  });

  it("echoes no more than an excerpt of a huge cursor", () => {
    try {
      decodeCursor("A".repeat(100_000), ["text"]);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(100);
    }
  });
});
