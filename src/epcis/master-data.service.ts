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

  /**
   * Null when there is no such element or the caller may not see it (the two answer alike). A Party is also found by
   * the id or any identifier of the organisation it names (its element is keyed by the GLN it was captured under).
   */
  async element(type: string, id: string, principal: Principal): Promise<MasterDataRecord | null> {
    const vtype = canonicalVocabularyType(type);
    const key = vocabularyElementKey(id);
    const scope = readScope(principal);
    const direct = await this.repository.element(vtype, key, scope);
    if (direct !== null || vtype !== VocabularyType.PARTY) return direct;
    const party = (await this.repository.byKeys([key])).find((r) => r.vtype === VocabularyType.PARTY);
    return party === undefined ? null : this.repository.element(vtype, party.key, scope);
  }

  /** The ReadPoint and BusinessLocation elements of a registered location. */
  async ofLocation(locationId: string): Promise<MasterDataRecord[]> {
    const records = await this.repository.byKeys([locationId]);
    return records.filter((r) => LOCATION_VOCABULARIES.includes(r.vtype));
  }
}
