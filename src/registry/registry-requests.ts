import type { OrgRole } from "./org-role.js";
import type { OrganizationContact } from "./organization-contact.js";

/** Register or update an organisation, keyed by its id (idempotent). */
export interface OrganizationRequest {
  id: string;
  name: string;
  roles: OrgRole[];
  regionCode?: string | null;
  authorizedRegions?: string[] | null;
  /** Public contact shown on the consumer page; see organization-contact.ts. */
  contact?: OrganizationContact | null;
}

/** Register or update a location, keyed by its id (idempotent). */
export interface LocationRequest {
  id: string;
  name?: string | null;
  regionCode: string;
  organizationId?: string | null;
}
