import DataLoader from "dataloader";
import type { LocationRecord, OrganizationRecord } from "../registry/organization.service.js";
import type { ObjectRecord } from "../trace/trace.service.js";
import type { Services } from "../root/services.js";
import type { Principal } from "../access/principal.js";

/** Per-request state: fresh DataLoaders so one request's batch never serves another's data. */
export interface AppContext {
  services: Services;
  loaders: Loaders;
  /** Who is calling (API-CONTRACT §6): every service call is made on its behalf. */
  principal: Principal;
}

export interface Loaders {
  organization: DataLoader<string, OrganizationRecord | null>;
  location: DataLoader<string, LocationRecord | null>;
  object: DataLoader<string, ObjectRecord | null>;
}

export function createContext(services: Services, principal: Principal): AppContext {
  return { services, principal, loaders: createLoaders(services) };
}

function createLoaders(services: Services): Loaders {
  return {
    organization: new DataLoader((ids) => services.organizationService.organizationsByIds(ids)),
    location: new DataLoader((ids) => services.organizationService.locationsByIds(ids)),
    object: new DataLoader((keys) => services.traceService.objectsByKeys(keys)),
  };
}
