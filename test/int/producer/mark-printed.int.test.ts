import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { firstErrorCode } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { batchCodes, makeBatch, type MadeBatch } from "../http/http-fixtures.js";

const MARK = `mutation($batchId: ID!, $codes: [String!]) { markCodesPrinted(batchId: $batchId, codes: $codes) }`;

/** 打印 as an explicit step (issue 13 item 5): the maker marks its batch's codes; nothing else changes them. */
describe("markCodesPrinted(batchId, codes)", () => {
  const suffix = uniqueSuffix();
  let batch: MadeBatch;
  let other: MadeBatch;
  const maker = () => principalOf("MANUFACTURER", batch.maker);
  const statuses = async (id: string) => (await batchCodes(id)).map((c) => c.status);

  beforeAll(async () => {
    batch = await makeBatch({ suffix, count: 5 });
    other = await makeBatch({ suffix: `${suffix}o`, count: 2 });
  });

  it("marks only the codes named, each once, and counts what changed", async () => {
    const two = batch.codes.slice(0, 2);
    expect((await gqlAs(maker(), MARK, { batchId: batch.batch.id, codes: two })).data).toEqual({ markCodesPrinted: 2 });
    expect((await gqlAs(maker(), MARK, { batchId: batch.batch.id, codes: two })).data).toEqual({ markCodesPrinted: 0 });
    expect(await statuses(batch.batch.id)).toEqual(["PRINTED", "PRINTED", "GENERATED", "GENERATED", "GENERATED"]);
  });

  it("marks every GENERATED code of the batch when no codes are given; again changes nothing", async () => {
    expect((await gqlAs(maker(), MARK, { batchId: batch.batch.id })).data).toEqual({ markCodesPrinted: 3 });
    expect((await gqlAs(maker(), MARK, { batchId: batch.batch.id })).data).toEqual({ markCodesPrinted: 0 });
    expect(new Set(await statuses(batch.batch.id))).toEqual(new Set(["PRINTED"]));
  });

  it("refuses a code of another batch as not found, marking nothing", async () => {
    const result = await gqlAs(principalOf("ADMIN", null), MARK, { batchId: batch.batch.id, codes: other.codes });
    expect(firstErrorCode(result)).toBe("NOT_FOUND");
    expect(new Set(await statuses(other.batch.id))).toEqual(new Set(["GENERATED"]));
  });

  it("is the maker's alone: another maker sees no such batch, a partner or regulator may not", async () => {
    const stranger = principalOf("MANUFACTURER", other.maker);
    expect(firstErrorCode(await gqlAs(stranger, MARK, { batchId: batch.batch.id }))).toBe("NOT_FOUND");
    for (const role of ["PARTNER", "REGULATOR"] as const) {
      const result = await gqlAs(principalOf(role, batch.maker), MARK, { batchId: other.batch.id });
      expect(firstErrorCode(result)).toBe("FORBIDDEN");
    }
    expect(firstErrorCode(await gqlAs(maker(), MARK, { batchId: `nope-${suffix}` }))).toBe("NOT_FOUND");
    expect(new Set(await statuses(other.batch.id))).toEqual(new Set(["GENERATED"]));
  });
});
