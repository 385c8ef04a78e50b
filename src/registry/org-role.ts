/** What an organisation does in the supply chain (API-CONTRACT §4). */
export const OrgRole = {
  MANUFACTURER: "MANUFACTURER",
  SUPPLIER: "SUPPLIER",
  DISTRIBUTOR: "DISTRIBUTOR",
  RETAILER: "RETAILER",
  LOGISTICS: "LOGISTICS",
  REGULATOR: "REGULATOR",
} as const;
export type OrgRole = (typeof OrgRole)[keyof typeof OrgRole];
