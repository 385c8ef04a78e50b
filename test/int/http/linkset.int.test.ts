import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/server/app.js";
import { LINK_TYPES } from "../../../src/consumer/linkset.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { makeBatch, markRecalled, randomGtin13, startHttpApp, type MadeBatch } from "./http-fixtures.js";

/**
 * The GS1-Conformant resolver's linkset (RFC 9264), as GS1's linkset JSON schema requires it
 * (https://ref.gs1.org/standards/resolver/linkset-schema): an anchor, and per link type an array of links with
 * an http(s) href, a title, a media type and two-letter languages.
 */
const LINKSET_SCHEMA = {
  type: "object",
  required: ["linkset"],
  properties: {
    linkset: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["anchor"],
        properties: {
          anchor: { type: "string", pattern: "^https?:\\/\\/[a-zA-z0-9./]+" },
          description: { type: "string" },
        },
        patternProperties: {
          "(?!(anchor|itemDescription|description))^([a-z-]+$)|(^https?:\\/\\/[a-zA-z0-9./]+$)": {
            type: "array",
            items: {
              type: "object",
              required: ["href"],
              properties: {
                href: { type: "string", pattern: "^https?:\\/\\/[a-zA-z0-9./]+" },
                title: { type: "string" },
                hreflang: { type: "array", items: { type: "string", pattern: "(^\\w{2}$)|(^\\w{2}-\\w{2}$)" } },
                type: { type: "string", pattern: "\\w+/[-+.\\w]+" },
              },
            },
          },
        },
        additionalProperties: false,
      },
    },
  },
};
const validLinkset = new Ajv({ strict: false }).compile(LINKSET_SCHEMA);

type Linkset = { linkset: Record<string, unknown>[] };

describe("the GS1 Digital Link resolver answers a linkset", () => {
  const suffix = uniqueSuffix();
  let app: App;
  let base: string;
  let made: MadeBatch;
  let gtin: string;

  beforeAll(async () => {
    ({ app, base } = await startHttpApp());
    made = await makeBatch({ suffix, count: 2, gtin: randomGtin13(), release: true });
    gtin = made.product.gtin ?? "";
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  async function linksetOf(path: string, init: RequestInit = {}): Promise<Linkset> {
    const res = await fetch(`${base}${path}`, init);
    expect(res.status, path).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/linkset\+json/);
    const body = (await res.json()) as Linkset;
    expect(validLinkset(body), JSON.stringify(validLinkset.errors)).toBe(true);
    return body;
  }

  it("for our trace code, with ?linkType=all and with Accept: application/linkset+json", async () => {
    const code = made.codes[0]!;
    const byQuery = await linksetOf(`/t/${code}?linkType=all`);
    const byAccept = await linksetOf(`/t/${code.toLowerCase()}`, { headers: { accept: "application/linkset+json" } });
    expect(byAccept).toEqual(byQuery);
    const [entry] = byQuery.linkset;
    expect(String(entry?.anchor)).toMatch(new RegExp(`/t/${code}$`));
    expect(entry?.[LINK_TYPES.pip]).toEqual([expect.objectContaining({ type: "text/html", hreflang: ["zh"] })]);
    expect(entry?.[LINK_TYPES.epcis]).toEqual([
      expect.objectContaining({ href: expect.stringContaining(`/epcis/events?MATCH_anyEPC=${code}`) }),
    ]);
    expect(entry?.[LINK_TYPES.recallStatus]).toBeUndefined();
  });

  it("for a GTIN and for its lot, anchored at their Digital Link on this host", async () => {
    const product = await linksetOf(`/01/${gtin}?linkType=all`);
    expect(String(product.linkset[0]?.anchor)).toMatch(new RegExp(`/01/${gtin}$`));
    const lot = await linksetOf(`/01/${gtin}/10/${made.batch.batchNo}?linkType=all`);
    expect(lot.linkset[0]?.[LINK_TYPES.epcis]).toEqual([
      expect.objectContaining({ href: expect.stringContaining("MATCH_epcClass=") }),
    ]);
  });

  it("names the linkset in a Link header beside the page, and redirects ?linkType=<type> to that link", async () => {
    const code = made.codes[1]!;
    const page = await fetch(`${base}/t/${code}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("link")).toMatch(/\?linkType=all>; rel="linkset"; type="application\/linkset\+json"$/);
    const epcis = await fetch(`${base}/t/${code}?linkType=gs1:epcis`, { redirect: "manual" });
    expect(epcis.status).toBe(307);
    expect(epcis.headers.get("location")).toContain("/epcis/events?MATCH_anyEPC=");
    const unknown = await fetch(`${base}/t/${code}?linkType=gs1:recipeInfo`, { redirect: "manual" });
    expect(unknown.status).toBe(307);
    expect(unknown.headers.get("location")).toMatch(new RegExp(`/t/${code}$`));
  });

  it("lists the recall notice of a recalled batch's code, and answers 404 for an unknown one", async () => {
    await markRecalled(made.batch.id, "绝缘电阻不合格");
    const recalled = await linksetOf(`/t/${made.codes[0]!}?linkType=all`);
    expect(recalled.linkset[0]?.[LINK_TYPES.recallStatus]).toHaveLength(1);
    const missing = await fetch(`${base}/01/${randomGtin13()}?linkType=all`);
    expect(missing.status).toBe(404);
  });
});
