import type { MasterDataRecord, MasterDataRepository } from "../graph/master-data.repository.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import { LOCATION_VOCABULARIES, VocabularyType, canonicalVocabularyType, vocabularyElementKey } from "./master-data.js";

export type { MasterDataRecord };

/**
 * EPCIS master data as read back (issue 16 item 6): one element by type and id, and the elements describing an
 * organisation or a location. API-CONTRACT §6: ADMIN and REGULATOR see every element; a party the elements it
 * captured, those describing itself or its locations, and those the events it may see use. An organisation's or a
 * location's own elements come with it: the caller could see it already.
 */
export class MasterDataService {
  constructor(private readonly repository: MasterDataRepository) {}

  /** Null when there is no such element or the caller may not see it (the two answer alike). */
  async element(type: string, id: string, principal: Principal): Promise<MasterDataRecord | null> {
    return this.repository.element(canonicalVocabularyType(type), vocabularyElementKey(id), readScope(principal));
  }

  /** The Party elements of an organisation, under its id or any of its further identifiers (its GLNs). */
  async ofOrganization(organization: { id: string; identifiers?: readonly string[] }): Promise<MasterDataRecord[]> {
    const records = await this.repository.byKeys([organization.id]);
    return records.filter((r) => r.vtype === VocabularyType.PARTY);
  }

  /** The ReadPoint and BusinessLocation elements of a registered location. */
  async ofLocation(locationId: string): Promise<MasterDataRecord[]> {
    const records = await this.repository.byKeys([locationId]);
    return records.filter((r) => LOCATION_VOCABULARIES.includes(r.vtype));
  }
}
