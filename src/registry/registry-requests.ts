import type { OrgRole } from "./org-role.js";

/** Register or update an organisation, keyed by its id (idempotent). */
export interface OrganizationRequest {
  id: string;
  name: string;
  roles: OrgRole[];
  regionCode?: string | null;
  authorizedRegions?: string[] | null;
  /** Its unified social credit code, when the id is not (`uscc:` + USCC or the bare code). */
  uscc?: string | null;
  /** Its party GLNs (PGLN URN, Digital Link or 13 digits), so EPCIS events naming them name it. */
  glns?: string[] | null;
}

/** Further identifiers of a registered organisation (a USCC, party GLNs); any of them then names it. */
export interface OrganizationIdentifiersRequest {
  organizationId: string;
  identifiers: string[];
}

/** Register or update a location, keyed by its id (idempotent). */
export interface LocationRequest {
  id: string;
  name?: string | null;
  regionCode: string;
  organizationId?: string | null;
}
