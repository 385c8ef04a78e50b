import type { Logger } from "pino";
import type { Executor } from "../graph/executor.js";
import { ProducerRepository } from "../graph/producer.repository.js";
import { TraceCodeRepository } from "../graph/trace-code.repository.js";
import { BatchService } from "./batch.service.js";
import { CodeIssuanceService, type IssuanceOptions } from "./code-issuance.service.js";
import { CodeLinkService } from "./code-link.service.js";
import { DataQualityService } from "./data-quality.service.js";
import { MarketService } from "./market.service.js";
import { ProductService } from "./product.service.js";
import { TraceCodeService } from "./trace-code.service.js";

/** The producer's flow (API-CONTRACT §5), one service per concern, all bound to the shared executor. */
export interface ProducerServices {
  products: ProductService;
  batches: BatchService;
  issuance: CodeIssuanceService;
  codes: TraceCodeService;
  links: CodeLinkService;
  market: MarketService;
  quality: DataQualityService;
}

export function createProducerServices(
  executor: Executor,
  options: { publicBaseUrl: string; logger?: Logger; issuance?: Partial<IssuanceOptions> },
): ProducerServices {
  const producers = new ProducerRepository(executor);
  const codes = new TraceCodeRepository(executor);
  return {
    products: new ProductService(producers),
    batches: new BatchService(producers),
    issuance: new CodeIssuanceService(producers, codes, options.logger, options.issuance),
    codes: new TraceCodeService(codes, options.publicBaseUrl),
    links: new CodeLinkService(codes),
    market: new MarketService(producers, codes),
    quality: new DataQualityService(producers),
  };
}
