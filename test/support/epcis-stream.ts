import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { gs1CheckDigit } from "../../src/codes/index.js";

/**
 * Writes an NDJSON stream of `count` EPCIS events for a bulk-import test: commissioning of SGTIN items with their
 * lot in ILMD, then packing into SSCC cases, naming every item by URN in one event and by Digital Link (another host)
 * in the next, so the import must canonicalise both to one node. Returns the distinct canonical keys it names.
 */
export async function writeEventStream(file: string, count: number, runId: string): Promise<Set<string>> {
  const cp = "0614141";
  const ir = `2${runId.slice(0, 5).replace(/\D/g, "7").padEnd(5, "7")}`;
  const gtinBody = `${ir[0]}${cp}${ir.slice(1)}`;
  const gtin = gtinBody + gs1CheckDigit(gtinBody);
  const keys = new Set<string>();
  const out = createWriteStream(file);
  out.write(
    JSON.stringify({
      "@context": [
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
        { ex: "https://ns.example.com/epcis/" },
      ],
    }) + "\n",
  );
  const itemsPerCase = 10;
  for (let i = 0; i < count; i++) {
    const caseNo = Math.floor(i / 2 / itemsPerCase);
    const serial = `${runId}-${Math.floor(i / 2)}`;
    const ssccBody = `0${cp}${ir.slice(1)}${String(caseNo).padStart(4, "0")}`;
    const sscc = ssccBody + gs1CheckDigit(ssccBody);
    keys.add(`https://id.gs1.org/01/${gtin}/21/${serial}`);
    const event =
      i % 2 === 0
        ? {
            type: "ObjectEvent",
            eventID: `urn:uuid:${runId}-${i}`,
            eventTime: new Date(Date.UTC(2026, 5, 1) + i * 1000).toISOString(),
            eventTimeZoneOffset: "+08:00",
            epcList: [`urn:epc:id:sgtin:${cp}.${ir}.${serial}`],
            action: "ADD",
            bizStep: "commissioning",
            ilmd: { "cbvmda:lotNumber": `LOT-${runId}` },
          }
        : {
            type: "AggregationEvent",
            eventID: `urn:uuid:${runId}-${i}`,
            eventTime: new Date(Date.UTC(2026, 5, 1) + i * 1000).toISOString(),
            eventTimeZoneOffset: "+08:00",
            parentID: `https://logistics.example.cn/00/${sscc}`,
            childEPCs: [`https://brand.example.cn/01/${gtin}/21/${serial}`],
            action: "ADD",
            bizStep: "packing",
          };
    if (i % 2 === 1) keys.add(`https://id.gs1.org/00/${sscc}`);
    if (!out.write(JSON.stringify(event) + "\n")) await once(out, "drain");
  }
  keys.add(`https://id.gs1.org/01/${gtin}/10/LOT-${runId}`);
  out.end();
  await once(out, "finish");
  return keys;
}
