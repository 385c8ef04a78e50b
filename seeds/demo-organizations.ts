import { usccCheckChar } from "../src/codes/index.js";
import { OrgRole } from "../src/registry/org-role.js";
import type { LocationRequest, OrganizationRequest } from "../src/registry/registry-requests.js";

/** `uscc:` id from the first 17 characters (9 = market regulator, 1 = enterprise, region, org code). */
function uscc(first17: string): string {
  return `uscc:${first17}${usccCheckChar(first17)}`;
}

export const DEMO_IDS = {
  cableMaker: uscc("91441900MA4UJ8K2X"),
  gasMaker: uscc("91440606MA51QH7R3"),
  copperSupplier: uscc("91360600158263010"),
  pvcSupplier: uscc("91330206MA2GT5C81"),
  valveSupplier: uscc("91440101MA5CKP0N7"),
  gdDistributor: uscc("91440101MA59D3HQ2"),
  hnDistributor: uscc("91430102MA4L1T6W0"),
  gxDistributor: uscc("91450103MA5KB2E98"),
  szRetailer: uscc("92440305MA5FPL3C4"),
  csRetailer: uscc("92430102MA4PN7Y15"),
  nnRetailer: uscc("92450103MA5N0R2D6"),
  regulator: uscc("11440000MB2C9287X"),
  /** The platform operator: holds the demo's ADMIN key (seeds/demo-keys.ts). */
  operator: uscc("91440300MA5G8T2Q1"),
} as const;

const { MANUFACTURER, SUPPLIER, DISTRIBUTOR, RETAILER, REGULATOR } = OrgRole;

export const DEMO_ORGANIZATIONS: OrganizationRequest[] = [
  {
    id: DEMO_IDS.cableMaker,
    name: "东莞市粤缆电线电缆有限公司",
    roles: [MANUFACTURER],
    regionCode: "441900",
    authorizedRegions: ["441900"],
    // Public contact for the consumer pages (demo values).
    contact: { servicePhone: "400-820-0769", address: "广东省东莞市松山湖高新区工业东路 8 号（演示）" },
  },
  {
    id: DEMO_IDS.gasMaker,
    name: "佛山市顺德区华焰燃气具有限公司",
    roles: [MANUFACTURER],
    regionCode: "440606",
    authorizedRegions: ["440606"],
    contact: { servicePhone: "400-830-0757", address: "广东省佛山市顺德区容桂街道华焰路 18 号（演示）" },
  },
  {
    id: DEMO_IDS.copperSupplier,
    name: "鹰潭江铜铜材有限公司",
    roles: [SUPPLIER],
    regionCode: "360600",
    authorizedRegions: [],
  },
  {
    id: DEMO_IDS.pvcSupplier,
    name: "宁波甬塑绝缘材料有限公司",
    roles: [SUPPLIER],
    regionCode: "330206",
    authorizedRegions: [],
  },
  {
    id: DEMO_IDS.valveSupplier,
    name: "广州穗安燃气阀门有限公司",
    roles: [SUPPLIER],
    regionCode: "440101",
    authorizedRegions: [],
  },
  {
    id: DEMO_IDS.gdDistributor,
    name: "广州南粤机电贸易有限公司",
    roles: [DISTRIBUTOR],
    regionCode: "440101",
    authorizedRegions: ["440000"],
  },
  {
    id: DEMO_IDS.hnDistributor,
    name: "长沙湘江五金批发有限公司",
    roles: [DISTRIBUTOR],
    regionCode: "430102",
    authorizedRegions: ["430000"],
  },
  {
    id: DEMO_IDS.gxDistributor,
    name: "南宁邕城建材商贸有限公司",
    roles: [DISTRIBUTOR],
    regionCode: "450103",
    authorizedRegions: ["450100"],
  },
  {
    id: DEMO_IDS.szRetailer,
    name: "深圳市南山区鹏城五金店",
    roles: [RETAILER],
    regionCode: "440305",
    authorizedRegions: ["440305"],
  },
  {
    id: DEMO_IDS.csRetailer,
    name: "长沙市芙蓉区安居建材店",
    roles: [RETAILER],
    regionCode: "430102",
    authorizedRegions: ["430102"],
  },
  {
    id: DEMO_IDS.nnRetailer,
    name: "南宁市青秀区万家灯火电器行",
    roles: [RETAILER],
    regionCode: "450103",
    authorizedRegions: ["450103"],
  },
  {
    id: DEMO_IDS.regulator,
    name: "广东省市场监督管理局",
    roles: [REGULATOR],
    regionCode: "440000",
    authorizedRegions: [],
  },
  {
    id: DEMO_IDS.operator,
    name: "深圳链溯追溯平台运营有限公司（演示）",
    roles: [],
    regionCode: "440300",
    authorizedRegions: [],
  },
];

export const DEMO_LOCATIONS: LocationRequest[] = [
  {
    id: "urn:epc:id:sgln:6901234.00001.0",
    name: "粤缆东莞厂区",
    regionCode: "441900",
    organizationId: DEMO_IDS.cableMaker,
  },
  {
    id: "urn:epc:id:sgln:6901234.00002.0",
    name: "华焰顺德总装车间",
    regionCode: "440606",
    organizationId: DEMO_IDS.gasMaker,
  },
  {
    id: "urn:epc:id:sgln:6901234.00010.0",
    name: "南粤机电广州仓",
    regionCode: "440101",
    organizationId: DEMO_IDS.gdDistributor,
  },
  {
    id: "urn:epc:id:sgln:6901234.00011.0",
    name: "鹏城五金南山门店",
    regionCode: "440305",
    organizationId: DEMO_IDS.szRetailer,
  },
  {
    id: "urn:epc:id:sgln:6901234.00012.0",
    name: "安居建材芙蓉门店",
    regionCode: "430102",
    organizationId: DEMO_IDS.csRetailer,
  },
  {
    id: "urn:epc:id:sgln:6901234.00013.0",
    name: "万家灯火青秀门店",
    regionCode: "450103",
    organizationId: DEMO_IDS.nnRetailer,
  },
];
