import { describe, expect, it } from "vitest";
import { canonicalVocabularyType, masterDataOf } from "../../../src/epcis/master-data.js";
import { namespacesOf } from "../../../src/epcis/namespaces.js";

describe("EPCIS master data of a document's header", () => {
  const context = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", { xmda: "http://x.example/mda/" }];
  const document = {
    "@context": context,
    epcisHeader: {
      epcisMasterData: {
        vocabularyList: [
          {
            type: "urn:epcglobal:epcis:vtype:BusinessLocation",
            vocabularyElementList: [
              {
                id: "urn:epc:id:sgln:0037000.00729.0",
                attributes: [
                  { id: "urn:epcglobal:cbv:mda#name", attribute: "一号仓" },
                  { id: "cbvmda:city", attribute: "广州" },
                  { id: "xmda:latitude", attribute: "+23.1" },
                ],
                children: ["urn:epc:id:sgln:0037000.00729.8201"],
              },
              { id: "urn:epc:id:sgln:0037000.00729.0", attributes: [{ id: "cbvmda:name", attribute: "一号仓（改）" }] },
            ],
          },
          {
            type: "https://ref.gs1.org/epcis/vtype/Party",
            vocabularyElementList: [{ id: "urn:epc:id:pgln:0037000.00000" }],
          },
        ],
      },
    },
  };

  it("reads every element once (the last of one type and key wins), with name, address and canonical keys", () => {
    const rows = masterDataOf(document, namespacesOf(context));
    expect(rows).toHaveLength(2);
    const [site, party] = rows;
    expect(site).toMatchObject({
      vtype: "urn:epcglobal:epcis:vtype:BusinessLocation",
      id: "urn:epc:id:sgln:0037000.00729.0",
      key: "https://id.gs1.org/414/0037000007296",
      name: "一号仓（改）",
      address: null,
    });
    expect(party).toMatchObject({ vtype: "urn:epcglobal:epcis:vtype:Party", name: null });
  });

  it("keeps attributes exactly as sent, with only the document's own namespaces they use", () => {
    const first = structuredClone(document);
    const elements = first.epcisHeader.epcisMasterData.vocabularyList[0]!.vocabularyElementList;
    const sent = [...(elements[0] as { attributes: unknown[] }).attributes];
    elements.splice(1, 1);
    const [site] = masterDataOf(first, namespacesOf(context));
    expect(JSON.parse(site!.attributes)).toEqual(sent);
    expect(JSON.parse(site!.address!)).toEqual({ city: "广州", latitude: "+23.1" });
    expect(JSON.parse(site!.namespaces)).toEqual({ xmda: "http://x.example/mda/" });
    expect(site!.children).toEqual(["https://id.gs1.org/414/0037000007296/254/8201"]);
  });

  it("reads vocabulary types in their URN, web URI and short spellings", () => {
    for (const spelling of [
      "ReadPoint",
      "https://ref.gs1.org/epcis/vtype/ReadPoint",
      "urn:epcglobal:epcis:vtype:ReadPoint",
    ]) {
      expect(canonicalVocabularyType(spelling)).toBe("urn:epcglobal:epcis:vtype:ReadPoint");
    }
  });
});
