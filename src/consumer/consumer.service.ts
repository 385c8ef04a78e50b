import { productKey, type ParsedIdentifier } from "../codes/index.js";
import type { ConsumerRepository } from "../graph/consumer.repository.js";
import { buildConsumerView, type CodeFacts, type ConsumerView } from "./consumer-view.js";

/** The producer's code lookup (TraceCodeService.traceCode): null for an object that is not an issued code. */
export interface CodeLookup {
  traceCode(code: string): Promise<CodeFacts | null>;
}

/**
 * The consumer page's data. The code's lifecycle comes from the producer's own lookup, so the rule for a code's
 * effective status (VOID sticks, a released batch's codes are ACTIVE) lives in one place; the rest is one read.
 */
export class ConsumerService {
  constructor(
    private readonly repository: ConsumerRepository,
    private readonly codes: CodeLookup,
  ) {}

  /** The view of an object, or null when no object has the identifier's key. Never records a scan. */
  async view(id: ParsedIdentifier): Promise<ConsumerView | null> {
    const [row, code] = await Promise.all([
      this.repository.traceView(id.key, id.gtin === undefined ? null : productKey(id.gtin)),
      this.codes.traceCode(id.key),
    ]);
    return row && buildConsumerView(row, code);
  }
}
