import type { StoredEvent } from "../graph/event.repository.js";

/** How long an event read for a match may stand in for reading it again to deliver it. */
const FRESH_MS = 10_000;
const MOST = 10_000;

/**
 * The events a fan-out's match just read, by view (the subscriber's read scope) and eventID: the callbacks of those
 * items, moments later, are built from them instead of reading them again (one round trip to Neo4j less between a
 * capture and its callback). Only what that view's own scoped read returned is kept, so a subscriber is never sent
 * more than a read would give it; anything missing or older than a few seconds is read as before.
 */
export class RecentEvents {
  private readonly entries = new Map<string, { event: StoredEvent; at: number }>();

  remember(view: string, events: readonly StoredEvent[], now = Date.now()): void {
    for (const event of events) {
      const key = `${view}|${event.eventId}`;
      this.entries.delete(key);
      this.entries.set(key, { event, at: now });
    }
    // Oldest first in insertion order: drop from the front.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MOST) break;
      this.entries.delete(key);
    }
  }

  /** All of `eventIds` as the view read them, in that order; null when any is unknown or stale. */
  recall(view: string, eventIds: readonly string[], now = Date.now()): StoredEvent[] | null {
    const found: StoredEvent[] = [];
    for (const id of eventIds) {
      const entry = this.entries.get(`${view}|${id}`);
      if (!entry || now - entry.at > FRESH_MS) return null;
      found.push(entry.event);
    }
    return found;
  }
}
