import type { OrgRole } from "./org-role.js";

/** Register or update an organisation, keyed by its id (idempotent). */
export interface OrganizationRequest {
  id: string;
  name: string;
  roles: OrgRole[];
  regionCode?: string | null;
  authorizedRegions?: string[] | null;
}

/** Register or update a location, keyed by its id (idempotent). */
export interface LocationRequest {
  id: string;
  name?: string | null;
  regionCode: string;
  organizationId?: string | null;
}
