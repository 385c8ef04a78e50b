import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { productKey, type ParsedIdentifier } from "../codes/index.js";
import type { ConsumerRepository } from "../graph/consumer.repository.js";
import type { ConsumerVisitRepository } from "../graph/consumer-visit.repository.js";
import { buildConsumerView, type CodeFacts, type ConsumerView } from "./consumer-view.js";
import {
  isCrawler,
  VIEW_DEDUP_SECONDS,
  viewerCookie,
  viewerOf,
  visitRegion,
  type ConsumerVisit,
} from "./consumer-visit.js";

/** The producer's code lookup (TraceCodeService.traceCode): null for an object that is not an issued code. */
export interface CodeLookup {
  traceCode(code: string): Promise<CodeFacts | null>;
}

/**
 * The consumer page's data. The code's lifecycle comes from the producer's own lookup, so the rule for a code's
 * effective status (VOID sticks, a released batch's codes are ACTIVE) lives in one place; the rest is two reads.
 * A visit is recorded first, as an anonymous consumer query, so the page counts it.
 */
export class ConsumerService {
  constructor(
    private readonly repository: ConsumerRepository,
    private readonly codes: CodeLookup,
    private readonly visits: ConsumerVisitRepository,
    private readonly privacySecret: string,
    private readonly logger: Logger,
  ) {}

  /**
   * The view of an object, or null when no object has the identifier's key. With a visit, the view is first
   * recorded as a consumer query (see `record`); without one (a HEAD, a test) nothing is written.
   */
  async view(id: ParsedIdentifier, visit: ConsumerVisit | null = null): Promise<ConsumerView | null> {
    if (visit) await this.record(id.key, visit);
    const [row, code, extras] = await Promise.all([
      this.repository.traceView(id.key, id.gtin === undefined ? null : productKey(id.gtin)),
      this.codes.traceCode(id.key),
      this.visits.pageExtras(id.key),
    ]);
    return row && buildConsumerView(row, code, extras ?? undefined);
  }

  /** The viewer cookie to give the browser, so its next views are the same viewer (see consumer-visit.ts). */
  viewerCookie(visit: ConsumerVisit): string {
    return viewerCookie(this.privacySecret, visit);
  }

  /**
   * Records a view as an anonymous consumer scan, unless it is a crawler's, the address is over its allowance, or the
   * same viewer viewed the object within 10 minutes. Never fails the page: a write that fails is logged and skipped.
   */
  private async record(key: string, visit: ConsumerVisit): Promise<void> {
    if (isCrawler(visit.userAgent) || !visit.withinRate) return;
    try {
      await this.visits.recordView(
        {
          id: `view:${randomUUID()}`,
          objectKey: key,
          viewer: viewerOf(this.privacySecret, visit),
          regionCode: visitRegion(visit.region),
        },
        VIEW_DEDUP_SECONDS,
      );
    } catch (error) {
      this.logger.warn({ key, error: error instanceof Error ? error.message : String(error) }, "view not recorded");
    }
  }
}
