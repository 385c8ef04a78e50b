import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ClaimedChange, FanOutMatch, OutboxRepository } from "../../../src/graph/outbox.repository.js";
import type { StreamSubscription, SubscriptionRepository } from "../../../src/graph/subscription.repository.js";
import type { ChangedIds, ChannelReader } from "../../../src/notify/channel-reader.js";
import { FanOut } from "../../../src/notify/fan-out.js";

/**
 * Overlapping fan-out rounds (issue 18, delivery in order): the store is not under test here (the webhook-delivery
 * int tests run the same code on Neo4j); what is, is the order in which one view's items are handed to it.
 */
const stream: StreamSubscription = {
  id: "sub-1",
  params: "{}",
  principal: JSON.stringify({ kind: "ADMIN" }),
  channel: "EVENTS",
  live: false,
};

class Scripted {
  queued: string[][] = [];
  ended: string[][] = [];
  private claims: ClaimedChange[][];
  constructor(
    claims: string[][],
    private readonly failFirstQueue = false,
  ) {
    this.claims = claims.map((ids) => ids.map((id) => ({ id, eventIds: [id], alertIds: [], noticeIds: [] })));
  }
  outbox = {
    claimChanges: async () => this.claims.shift() ?? [],
    queue: async (_owner: string, _ids: readonly string[], matches: readonly FanOutMatch[]) => {
      if (this.failFirstQueue && this.queued.length === 0) {
        this.queued.push([]);
        throw new Error("Neo4j went away");
      }
      this.queued.push(matches.flatMap((m) => m.keys));
      return matches.length;
    },
    endChanges: async (_owner: string, ids: readonly string[]) => void this.ended.push([...ids]),
  } as unknown as OutboxRepository;
  /** Milliseconds each read of the subscriptions takes, in turn (0 after the list). */
  streamDelays: number[] = [];
  subscriptions = {
    activeStreams: async () => {
      await new Promise((r) => setTimeout(r, this.streamDelays.shift() ?? 0));
      return [stream];
    },
  } as unknown as SubscriptionRepository;
}

/** Matches every changed event; the first round's match is slow (a big scoped page). */
function reader(slowFirst: number): ChannelReader {
  let calls = 0;
  return {
    matching: async (_channel: string, _params: string, _principal: unknown, changed: ChangedIds) => {
      if (calls++ === 0) await new Promise((r) => setTimeout(r, slowFirst));
      return [...changed.eventIds];
    },
  } as unknown as ChannelReader;
}

describe("FanOut: rounds overlap, one view's items are queued in the order of the rounds", () => {
  it("a later round with a quick match waits for the earlier round's slow one", async () => {
    const script = new Scripted([["e1"], ["e2"]]);
    const fanOut = new FanOut(
      script.outbox,
      script.subscriptions,
      reader(150),
      "me",
      30_000,
      pino({ level: "silent" }),
    );
    expect(await fanOut.round()).toEqual({ changes: 1 });
    expect(await fanOut.round()).toEqual({ changes: 1 });
    await fanOut.drain();
    expect(script.queued).toEqual([["e1"], ["e2"]]);
    expect(script.ended).toEqual([["e1"], ["e2"]]);
  });

  it("when the earlier round fails to queue, the later one fails too and its changes stay to be claimed again", async () => {
    const script = new Scripted([["e1"], ["e2"]], true);
    const fanOut = new FanOut(
      script.outbox,
      script.subscriptions,
      reader(100),
      "me",
      30_000,
      pino({ level: "silent" }),
    );
    await fanOut.round();
    await fanOut.round();
    await fanOut.drain();
    expect(script.queued).toEqual([[]]);
    expect(script.ended).toEqual([]);
  });

  it("a round claimed while an earlier one was under way does not queue when that one failed, even after it ended", async () => {
    // Round 2's claim leaves round 1's change out; round 1 then fails and ends before round 2 reaches its queueing.
    const script = new Scripted([["e1"], ["e2"]], true);
    script.streamDelays = [0, 20];
    const fanOut = new FanOut(script.outbox, script.subscriptions, reader(0), "me", 30_000, pino({ level: "silent" }));
    await fanOut.round();
    await fanOut.round();
    await fanOut.drain();
    expect(script.queued).toEqual([[]]);
    expect(script.ended).toEqual([]);
  });
});

describe("FanOut: the subscriptions a round matches", () => {
  it("include one committed before a claimed change, while the claim waited (the claim and the read are not sent together)", async () => {
    // A tiny store: what is committed when each statement runs. Creating a subscription holds the gate's lock, so a
    // claim sent meanwhile waits for it; the capture after it commits a change the claim then finds.
    const committed = { streams: [stream], changes: [["e1"]] as string[][] };
    const later = { ...stream, id: "sub-2" };
    const queuedFor: string[][] = [];
    let claims = 0;
    const outbox = {
      claimChanges: async () => {
        if (claims++ === 1) {
          await new Promise((r) => setTimeout(r, 10));
          committed.streams = [stream, later];
          committed.changes.push(["e2"]);
        }
        return (committed.changes.shift() ?? []).map((id) => ({ id, eventIds: [id], alertIds: [], noticeIds: [] }));
      },
      queue: async (_owner: string, _ids: readonly string[], matches: readonly FanOutMatch[]) => {
        queuedFor.push(matches.map((m) => `${m.subscriptionId}:${m.keys.join(",")}`));
        return matches.length;
      },
      endChanges: async () => undefined,
    } as unknown as OutboxRepository;
    const subscriptions = { activeStreams: async () => [...committed.streams] } as unknown as SubscriptionRepository;
    const fanOut = new FanOut(outbox, subscriptions, reader(0), "me", 30_000, pino({ level: "silent" }));

    expect(await fanOut.round()).toEqual({ changes: 1 });
    expect(await fanOut.round()).toEqual({ changes: 1 });
    await fanOut.drain();
    expect(queuedFor).toEqual([["sub-1:e1"], ["sub-1:e2", "sub-2:e2"]]);
  });
});
