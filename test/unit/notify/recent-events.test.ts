import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../../../src/graph/event.repository.js";
import { RecentEvents } from "../../../src/notify/recent-events.js";

const event = (eventId: string) => ({ eventId }) as StoredEvent;

describe("RecentEvents: a match's reads stand in for the callback's", () => {
  it("gives back every event of a view in the order asked, and nothing for another view", () => {
    const recent = new RecentEvents();
    recent.remember("org-a", [event("e1"), event("e2")], 1_000);
    expect(recent.recall("org-a", ["e2", "e1"], 1_500)?.map((e) => e.eventId)).toEqual(["e2", "e1"]);
    expect(recent.recall("org-b", ["e1"], 1_500)).toBeNull();
  });

  it("reads again when one event is missing or the entry is stale", () => {
    const recent = new RecentEvents();
    recent.remember("*", [event("e1")], 1_000);
    expect(recent.recall("*", ["e1", "e3"], 1_500)).toBeNull();
    expect(recent.recall("*", ["e1"], 1_000 + 10_001)).toBeNull();
  });

  it("keeps a bounded number of entries, dropping the oldest", () => {
    const recent = new RecentEvents();
    recent.remember("*", [event("first")], 1_000);
    recent.remember(
      "*",
      Array.from({ length: 10_000 }, (_, i) => event(`e${i}`)),
      1_001,
    );
    expect(recent.recall("*", ["first"], 1_002)).toBeNull();
    expect(recent.recall("*", ["e0", "e9999"], 1_002)).toHaveLength(2);
  });
});
