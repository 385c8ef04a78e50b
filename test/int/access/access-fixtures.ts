import { OPERATOR } from "../../../src/access/principal.js";
import { ApiKeyService } from "../../../src/access/api-key.service.js";
import { ApiKeyRepository } from "../../../src/graph/api-key.repository.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";

/** A clock the test moves by hand, so expiry and the lastUsedAt interval are tested without waiting. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function testClock(start = new Date()): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
  };
}

/** An ApiKeyService on the real graph, on `clock`. */
export async function apiKeyService(clock: TestClock = testClock()): Promise<ApiKeyService> {
  const { executor } = await testServices();
  return new ApiKeyService(new ApiKeyRepository(executor), { now: clock.now });
}

/** A fresh registered organisation; its canonical id. */
export async function registerOrganization(): Promise<string> {
  const services = await testServices();
  const org = await services.organizationService.upsertOrganization(
    {
      id: randomUscc(),
      name: `Access test ${uniqueSuffix()}`,
      roles: [],
      regionCode: null,
      authorizedRegions: [],
    },
    OPERATOR,
  );
  return org.id;
}
