import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { AppContext } from "./context.js";
import type { AlertRecord } from "../diversion/diversion.service.js";
import type { StoredEvent } from "../notify/live.service.js";
import type { JobRecord } from "../producer/producer-model.js";
import type { RecallNoticeRow } from "../recall/recall-notice.service.js";
import { toDiversionAlert } from "./diversion.resolver.js";
import { toRecallNotice } from "./recall-notice.resolver.js";
import { DiversionAlert } from "./types/diversion-alert.type.js";
import { DiversionFilter } from "./types/diversion-filter.input.js";
import { EpcisEventFilter } from "./types/epcis-event-filter.input.js";
import { EpcisEventNode } from "./types/epcis-event-node.type.js";
import { Job } from "./types/job.type.js";
import { RecallNotice } from "./types/recall-notice.type.js";

type Subscribe<TArgs> = SubscribeResolverData<unknown, TArgs, AppContext>;

/**
 * GraphQL subscriptions over graphql-ws on /graphql (issue 18 item 2). Each payload is read as the connection's
 * credential may see it (API-CONTRACT §6); items written through any server process arrive (they come through the
 * outbox).
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => EpcisEventNode, {
    description:
      "EPCIS events captured from now on that match the filter (as `events` filters) and the caller may see.",
    subscribe: ({ args, context }: Subscribe<{ filter?: EpcisEventFilter | null }>) =>
      context.services.live.eventsCaptured(args.filter ?? null, context.principal),
  })
  eventCaptured(
    @Root() event: StoredEvent,
    @Arg("filter", () => EpcisEventFilter, { nullable: true }) _filter: EpcisEventFilter | null,
  ): EpcisEventNode {
    return { eventId: event.eventId, eventTime: new Date(event.eventTime), event: event.event };
  }

  @Subscription(() => DiversionAlert, {
    description: "防窜 alerts raised from now on that match the filter and the caller may see.",
    subscribe: ({ args, context }: Subscribe<{ filter?: DiversionFilter | null }>) =>
      context.services.live.alertsRaised(args.filter ?? null, context.principal),
  })
  diversionAlertRaised(
    @Root() alert: AlertRecord,
    @Arg("filter", () => DiversionFilter, { nullable: true }) _filter: DiversionFilter | null,
  ): DiversionAlert {
    return toDiversionAlert(alert);
  }

  @Subscription(() => RecallNotice, {
    description:
      "Recall notices sent to the caller's organisation from now on (every notice for the operator and regulators).",
    subscribe: ({ context }: Subscribe<Record<string, never>>) =>
      context.services.live.recallNotices(context.principal),
  })
  recallNoticeReceived(@Root() notice: RecallNoticeRow): RecallNotice {
    return toRecallNotice(notice);
  }

  @Subscription(() => Job, {
    description:
      "A background job as it is now, then at each change of its progress or state, until DONE or FAILED; NOT_FOUND as `job` answers.",
    subscribe: ({ args, context }: Subscribe<{ id: string }>) =>
      context.services.live.jobProgress(args.id, context.principal),
  })
  jobProgress(@Root() job: JobRecord, @Arg("id", () => String) _id: string): Job {
    return job;
  }
}
