import { randomUUID } from "node:crypto";
import type { ParsedIdentifier } from "../codes/index.js";
import type { ConsumerService } from "../consumer/consumer.service.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import type { AfterSalesRepository, WarrantyRow } from "../graph/after-sales.repository.js";
import { chinaDate } from "../producer/china-date.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { requireRegionCode } from "../registry/identifier-input.js";
import type { WarrantyRequest } from "./after-sales-requests.js";
import { protectPhone } from "./phone-number.js";
import { requireDate, warrantyEnd } from "./warranty-dates.js";

export interface WarrantyRegistration extends WarrantyRow {
  code: string;
  /** True when the code was registered before with the same phone number: nothing was written. */
  duplicate: boolean;
}

/**
 * Warranty registration (保修登记) by a consumer, on the public consumer page: one registration per code, of an item's
 * own code that is active. The phone number is kept only as a keyed hash and its last four digits; registering again
 * with the same number answers with the registration, with another number CONFLICT.
 */
export class WarrantyService {
  constructor(
    private readonly repository: AfterSalesRepository,
    private readonly consumer: ConsumerService,
    private readonly privacySecret: string,
  ) {}

  async register(id: ParsedIdentifier, request: WarrantyRequest): Promise<WarrantyRegistration> {
    const phone = protectPhone(this.privacySecret, String(request.phone ?? ""), "phone");
    const purchaseDate = requireDate(String(request.purchaseDate ?? ""), "purchaseDate");
    const regionCode = request.regionCode?.trim() ? requireRegionCode(request.regionCode, "regionCode") : null;
    if (purchaseDate > chinaDate()) {
      throw new BadUserInputError("purchaseDate may not be in the future", {
        field: "purchaseDate",
        rule: "not in the future",
      });
    }
    const view = await this.consumer.view(id);
    if (!view) throw new NotFoundError(`no product, lot or item is known under ${id.key}`, { value: id.key });
    if (!view.warranty.registration && !view.warranty.open) {
      throw new ForbiddenError(`${id.key} takes no warranty registration: only an item's own active code does`, {
        rule: "registrable code",
      });
    }
    const produced = view.batch?.productionDate ?? null;
    if (produced !== null && purchaseDate < produced) {
      throw new BadUserInputError(`purchaseDate may not be before the production date ${produced}`, {
        field: "purchaseDate",
        rule: "after production",
      });
    }
    const owner = await this.repository.objectOwner(id.key);
    const months = view.warranty.months;
    const stored = await this.repository.registerWarranty({
      id: `warranty-${randomUUID()}`,
      objectKey: id.key,
      purchaseDate,
      validUntil: months === null ? null : warrantyEnd(purchaseDate, months),
      regionCode,
      phoneHash: phone.hash,
      phoneLast4: phone.last4,
      manufacturerId: owner?.manufacturerId ?? null,
      batchId: owner?.batchId ?? null,
    });
    if (!stored) throw new NotFoundError(`no product, lot or item is known under ${id.key}`, { value: id.key });
    if (!stored.created && !stored.samePhone) {
      throw new ConflictError(`${id.key} is already registered for warranty with another phone number`, {
        rule: "one registration per code",
      });
    }
    return { ...stored.warranty, code: id.key, duplicate: !stored.created };
  }
}
