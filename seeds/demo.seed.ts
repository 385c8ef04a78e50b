import { OPERATOR } from "../src/access/principal.js";
import type { Services } from "../src/root/services.js";
import { ensureDemoKeys } from "./demo-keys.js";
import { DEMO_LOCATIONS, DEMO_ORGANIZATIONS } from "./demo-organizations.js";
import { loadProducerDemo } from "./demo-producer.seed.js";

/**
 * The demo: a cable maker in Dongguan with reels and segment codes, a gas appliance maker in Shunde, their component
 * suppliers, distributors authorised for different provinces, retailers, a regulator, shipments, scans that leak
 * across regions, and an API key for each role (seeds/demo-keys.ts, DEMO ONLY). Every write goes through the
 * product's own services and is idempotent, so loading twice changes nothing.
 */
export async function loadDemo(services: Services): Promise<void> {
  for (const org of DEMO_ORGANIZATIONS) await services.organizationService.upsertOrganization(org, OPERATOR);
  for (const location of DEMO_LOCATIONS) await services.organizationService.upsertLocation(location, OPERATOR);
  await ensureDemoKeys(services);
  await loadProducerDemo(services);
}

/** Loads the demo only into an empty database, so a real deployment's data is never touched. */
export async function seedDemoIfEmpty(services: Services): Promise<boolean> {
  if (await services.organizationService.anyRegistered()) return false;
  services.logger.info("empty database: loading the demo seed");
  await loadDemo(services);
  return true;
}
