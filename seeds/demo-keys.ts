import { AccessRole } from "../src/access/access-role.js";
import type { Services } from "../src/root/services.js";
import { DEMO_IDS, DEMO_ORGANIZATIONS } from "./demo-organizations.js";

/**
 * DEMO ONLY: API keys of the demo's organisations, one for each role, so a newcomer can try what each party may do
 * (API-CONTRACT §6). They are written here, in the README and on the console: anyone who reads this file holds
 * them, so they are stored only when the demo is loaded (into an empty database, never with SEED_DEMO=0), and a
 * deployment with real data revokes them (`npm run cli -- keys revoke de000000000000000001` …) or never loads the
 * demo. Fixed rather than random because keys are shown once and the demo is loaded once: a newcomer who missed the
 * first start still finds them here.
 */
export interface DemoKey {
  role: AccessRole;
  organizationId: string;
  /** What the key is for, stored as its name. */
  name: string;
  key: string;
}

export const DEMO_KEYS: readonly DemoKey[] = [
  {
    role: AccessRole.ADMIN,
    organizationId: DEMO_IDS.operator,
    name: "demo: platform operator",
    key: "tgk_de000000000000000001_DEMO-ONLY-not-secret-admin_________________",
  },
  {
    role: AccessRole.MANUFACTURER,
    organizationId: DEMO_IDS.cableMaker,
    name: "demo: cable maker",
    key: "tgk_de000000000000000002_DEMO-ONLY-not-secret-maker-cable___________",
  },
  {
    role: AccessRole.MANUFACTURER,
    organizationId: DEMO_IDS.gasMaker,
    name: "demo: gas cooker maker",
    key: "tgk_de000000000000000003_DEMO-ONLY-not-secret-maker-gas_____________",
  },
  {
    role: AccessRole.PARTNER,
    organizationId: DEMO_IDS.gdDistributor,
    name: "demo: Guangdong distributor",
    key: "tgk_de000000000000000004_DEMO-ONLY-not-secret-distributor-gd________",
  },
  {
    role: AccessRole.PARTNER,
    organizationId: DEMO_IDS.szRetailer,
    name: "demo: Shenzhen retailer",
    key: "tgk_de000000000000000005_DEMO-ONLY-not-secret-retailer-sz___________",
  },
  {
    role: AccessRole.REGULATOR,
    organizationId: DEMO_IDS.regulator,
    name: "demo: provincial market regulator",
    key: "tgk_de000000000000000006_DEMO-ONLY-not-secret-regulator_____________",
  },
];

/** The actor recorded on the demo keys. */
const DEMO_ACTOR = "demo-seed";

/** Stores every demo key that is not stored yet (idempotent); their organisations must be registered first. */
export async function ensureDemoKeys(services: Services): Promise<void> {
  for (const demo of DEMO_KEYS) {
    await services.apiKeys.ensureFixedKey({ ...demo, createdBy: DEMO_ACTOR });
  }
}

/** The demo keys that would authenticate now (stored, not revoked, not expired). */
export async function usableDemoKeys(services: Services): Promise<DemoKey[]> {
  const usable: DemoKey[] = [];
  for (const demo of DEMO_KEYS) {
    if (await services.apiKeys.usable(demo.key)) usable.push(demo);
  }
  return usable;
}

/** One line per key: role, organisation (name and id), key; aligned for a terminal. */
export function demoKeyLines(keys: readonly DemoKey[]): string[] {
  const nameOf = new Map(DEMO_ORGANIZATIONS.map((org) => [org.id, org.name]));
  return keys.map((demo) => {
    const organization = `${nameOf.get(demo.organizationId) ?? ""} ${demo.organizationId}`.trim();
    return `  ${demo.role.padEnd(12)}  ${demo.key}  ${organization}`;
  });
}
