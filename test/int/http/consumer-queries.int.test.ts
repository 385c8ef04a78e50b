import { describe, expect, it } from "vitest";
import { batchCodePage, labelBatch, traceView } from "../../../src/graph/consumer.queries.js";
import { explain, operators } from "../../support/query-plan.js";

describe("Cypher of the consumer page and label sheets", () => {
  it.each([
    ["the consumer page's trace view", traceView("BRJD-W5RT-P0KW-YQTF", "https://id.gs1.org/01/06901234567892")],
    ["a label sheet's batch", labelBatch("p1:L1")],
    ["a keyset page of a batch's codes", batchCodePage("p1:L1", "BRJD-W5RT-P0KW-YQTF", 500)],
  ])("starts %s from an index, never a label or full scan", async (_name, query) => {
    const ops = operators(await explain(query));
    expect(ops.join(" ")).toMatch(/NodeUniqueIndexSeek|NodeIndexSeek/);
    expect(ops.filter((op) => /AllNodesScan|NodeByLabelScan/.test(op))).toEqual([]);
  });
});
