import type { Principal } from "../access/principal.js";
import type { AlertFilterInput, DiversionService } from "../diversion/diversion.service.js";
import type { EventConnectionFilter, EventQueryParams, EventQueryService } from "../epcis/event-query.service.js";
import type { AlertRecord } from "../graph/alert.repository.js";
import type { StoredEvent } from "../graph/event.repository.js";
import type { RecallNoticeRow } from "../graph/recall-notice.repository.js";

export type { StoredEvent };
import type { JobRecord } from "../producer/producer-model.js";
import { JobStatus } from "../producer/producer-enums.js";
import { Channel, type ChannelReader } from "./channel-reader.js";
import type { LiveHub } from "./live-hub.js";

/** Where jobs are read with their access check (the issuance service's `jobFor`). */
export interface JobReader {
  jobFor(id: string, principal: Principal): Promise<JobRecord>;
}

/**
 * The GraphQL subscriptions (issue 18 item 2), each as its subscriber may see (API-CONTRACT §6): events captured
 * and alerts raised matching a filter, recall notices received, and a job's progress. The first three are live
 * subscriptions fed by the outbox (LiveHub), so an item written through any server process reaches them; a job's
 * progress is read from its record, which every process's job worker updates.
 */
export class LiveService {
  constructor(
    private readonly hub: LiveHub,
    private readonly reader: ChannelReader,
    private readonly events: EventQueryService,
    private readonly diversion: DiversionService,
    private readonly jobs: JobReader,
    private readonly jobPollMs: number,
  ) {}

  /** How many live subscriptions this process holds. */
  get held(): number {
    return this.hub.size;
  }

  /** How many live subscriptions this process has opened since it started. */
  get opened(): number {
    return this.hub.opened;
  }

  /** Items were queued for live subscriptions: this process's are looked for at once. */
  wake(): void {
    this.hub.wake();
  }

  /** Ends the live subscriptions this process holds (shutdown). */
  stop(): Promise<void> {
    return this.hub.stop();
  }

  /** Events captured from now on that match `filter` (as the `events` query filters) and the principal may see. */
  async eventsCaptured(
    filter: EventConnectionFilter | null,
    principal: Principal,
  ): Promise<AsyncIterableIterator<StoredEvent>> {
    const { GE_eventTime, LT_eventTime, ...lists } = filter ?? {};
    const params: EventQueryParams = {
      ...lists,
      ...(GE_eventTime ? { GE_eventTime: GE_eventTime.toISOString() } : {}),
      ...(LT_eventTime ? { LT_eventTime: LT_eventTime.toISOString() } : {}),
    };
    return this.eventsMatching(params, principal);
  }

  /**
   * Events captured from now on that match EPCIS query parameters (a named query's) and the principal may see: the
   * WebSocket stream of `GET /queries/{name}/events?stream=true` (issue 18 item 1).
   */
  async eventsMatching(params: EventQueryParams, principal: Principal): Promise<AsyncIterableIterator<StoredEvent>> {
    // Checked as the events query checks it (event types, identifiers), with the caller's view.
    await this.events.page(params, 1, null, principal);
    return this.hub.open(Channel.EVENTS, JSON.stringify(params), principal, (keys) =>
      this.reader.eventsByIds(keys, principal),
    );
  }

  /** Diversion alerts raised from now on that match `filter` and the principal may see. */
  async alertsRaised(
    filter: AlertFilterInput | null,
    principal: Principal,
  ): Promise<AsyncIterableIterator<AlertRecord>> {
    const params = JSON.stringify(await this.diversion.normalizedFilter(filter));
    return this.hub.open(Channel.ALERTS, params, principal, (keys) => this.reader.alerts(keys, params, principal));
  }

  /** Recall notices sent to the principal's organisation from now on (every one for the operator, a regulator). */
  async recallNotices(principal: Principal): Promise<AsyncIterableIterator<RecallNoticeRow>> {
    return this.hub.open(Channel.NOTICES, "{}", principal, (keys) => this.reader.notices(keys, principal));
  }

  /**
   * The job as it is now, then each time its progress or state changes, until it is DONE or FAILED. A job the
   * principal may not read is NOT_FOUND at once, as the `job` query answers.
   */
  async jobProgress(id: string, principal: Principal): Promise<AsyncGenerator<JobRecord>> {
    const first = await this.jobs.jobFor(id, principal);
    return this.follow(first, principal);
  }

  private async *follow(first: JobRecord, principal: Principal): AsyncGenerator<JobRecord> {
    let last = first;
    yield first;
    while (last.status === JobStatus.RUNNING) {
      await new Promise((resolve) => setTimeout(resolve, this.jobPollMs));
      let job: JobRecord;
      try {
        job = await this.jobs.jobFor(first.id, principal);
      } catch {
        // The database did not answer: asked again at the next poll.
        continue;
      }
      if (job.status !== last.status || job.done !== last.done || job.total !== last.total) yield job;
      last = job;
    }
  }
}
