import { partyKey } from "./gs1-keys.js";

/**
 * The organisations of the benchmark's supply chain: makers upstream, then three tiers of distribution with the
 * regions they may sell into (防窜). Fixed, whatever the scale: more goods flow through the same companies.
 */
export type OrgRole = "SUPPLIER" | "MANUFACTURER" | "DISTRIBUTOR" | "RETAILER";

export interface OrgSpec {
  id: string;
  name: string;
  roles: OrgRole[];
  regionCode: string;
  authorizedRegions: string[];
}

/** Eight provinces (GB/T 2260 province codes), two prefectures each. */
export const PROVINCES = ["11", "31", "32", "33", "37", "42", "44", "51"] as const;
export const RETAILERS_PER_CITY_DISTRIBUTOR = 16;

export interface Organizations {
  suppliers: OrgSpec[];
  componentMakers: OrgSpec[];
  subassemblyMakers: OrgSpec[];
  manufacturers: OrgSpec[];
  /** One per province, authorised for the whole province. */
  provincial: OrgSpec[];
  /** Two per province (index = province * 2 + prefecture), authorised for their prefecture. */
  city: OrgSpec[];
  /** RETAILERS_PER_CITY_DISTRIBUTOR per city distributor, each in a county of its prefecture. */
  retailers: OrgSpec[];
  all: OrgSpec[];
}

function province(index: number): string {
  return PROVINCES[index % PROVINCES.length] ?? "11";
}

function org(ref: number, name: string, role: OrgRole, regionCode: string, authorized: string[]): OrgSpec {
  return { id: partyKey(ref), name, roles: [role], regionCode, authorizedRegions: authorized };
}

export function organizations(): Organizations {
  const makers = (base: number, count: number, label: string, role: OrgRole) =>
    Array.from({ length: count }, (_, i) => org(base + i, `bench ${label} ${i}`, role, `${province(i)}0000`, []));
  const provincial = PROVINCES.map((p, i) =>
    org(500 + i, `bench provincial distributor ${p}`, "DISTRIBUTOR", `${p}0000`, [`${p}0000`]),
  );
  const city = PROVINCES.flatMap((p, i) =>
    [1, 2].map((c) => {
      const prefecture = `${p}0${c}00`;
      return org(600 + i * 2 + c - 1, `bench city distributor ${prefecture}`, "DISTRIBUTOR", prefecture, [prefecture]);
    }),
  );
  const retailers = city.flatMap((distributor, d) =>
    Array.from({ length: RETAILERS_PER_CITY_DISTRIBUTOR }, (_, r) => {
      const county = distributor.regionCode.slice(0, 4) + String(r + 1).padStart(2, "0");
      return org(1000 + d * RETAILERS_PER_CITY_DISTRIBUTOR + r, `bench retailer ${county}`, "RETAILER", county, [
        distributor.regionCode,
      ]);
    }),
  );
  const groups = {
    suppliers: makers(100, 12, "raw material supplier", "SUPPLIER"),
    componentMakers: makers(200, 6, "component maker", "SUPPLIER"),
    subassemblyMakers: makers(300, 4, "subassembly maker", "SUPPLIER"),
    manufacturers: makers(400, 4, "manufacturer", "MANUFACTURER"),
    provincial,
    city,
    retailers,
  };
  return { ...groups, all: Object.values(groups).flat() };
}
