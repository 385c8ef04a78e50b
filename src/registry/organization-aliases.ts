/**
 * The organisation an identifier names (issue 14 item 7): its own id, or the organisation holding it as a further
 * identifier (a USCC, a party GLN). Filters and credentials go through this, so any of an organisation's
 * identifiers finds the same organisation.
 */
export type OrganizationIdResolver = (organizationId: string) => Promise<string>;

/** A resolver over a batch lookup of identifier owners (OrganizationRepository.organizationIds). */
export function organizationIdResolver(
  owners: (values: readonly string[]) => Promise<ReadonlyMap<string, string>>,
): OrganizationIdResolver {
  return async (organizationId) => (await owners([organizationId])).get(organizationId) ?? organizationId;
}

/** No further identifiers known: every id names itself (tests and tools without a graph). */
export const SELF_NAMED: OrganizationIdResolver = async (organizationId) => organizationId;
