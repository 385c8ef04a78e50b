import { describe, expect, it } from "vitest";
import {
  SoakRecorder,
  figures,
  markdown,
  memoryGrowth,
  verdict,
  warmUpMinute,
  type MinuteReport,
  type SoakReport,
} from "../../../bench/soak/report.js";

function minute(n: number, serverRssMb: number | null): MinuteReport {
  const none = { requests: 0, perSecond: 0, p50Ms: 0, p99Ms: 0, errors: 0 };
  return { minute: n, seconds: 60, total: none, kinds: {}, serverRssMb, neo4jRssMb: null };
}

describe("soak report math", () => {
  it("computes throughput and interpolated p50 / p99 of a span", () => {
    const latencies = Array.from({ length: 101 }, (_, i) => 100 - i); // 0..100, unsorted
    expect(figures(latencies, 2, 10)).toEqual({ requests: 101, perSecond: 10.1, p50Ms: 50, p99Ms: 99, errors: 2 });
    // Between neighbours: rank 0.99 × 3 = 2.97 → 30 + 0.97 × (40 − 30).
    expect(figures([10, 20, 30, 40], 0, 4).p99Ms).toBeCloseTo(39.7, 10);
    expect(figures([], 0, 60)).toEqual({ requests: 0, perSecond: 0, p50Ms: 0, p99Ms: 0, errors: 0 });
  });

  it("splits samples by minute and by kind, and keeps the whole run", () => {
    const recorder = new SoakRecorder();
    recorder.record("scan", 10);
    recorder.record("scan", 30, "HTTP 500");
    recorder.record("read", 5);
    const first = recorder.takeMinute(1, 2, { serverRssMb: 100, neo4jRssMb: 900 });
    expect(first.total).toMatchObject({ requests: 3, perSecond: 1.5, errors: 1, p50Ms: 10 });
    expect(first.kinds.scan).toMatchObject({ requests: 2, p50Ms: 20, errors: 1 });
    expect(Object.keys(first.kinds)).toEqual(["read", "scan"]);

    recorder.record("read", 7);
    recorder.fail("capture", "capture job failed");
    const second = recorder.takeMinute(2, 1, { serverRssMb: 101, neo4jRssMb: null });
    expect(second.total).toMatchObject({ requests: 1, errors: 1 });
    expect(second.kinds.capture).toMatchObject({ requests: 0, errors: 1 });

    const run = recorder.wholeRun(3);
    expect(run.total).toMatchObject({ requests: 4, errors: 2 });
    expect(run.kinds.read).toMatchObject({ requests: 2, p50Ms: 6 });
    expect(recorder.errorSamples).toEqual(["scan: HTTP 500", "capture: capture job failed"]);
  });

  it("summarises a 30-minute run's million samples (more than a call's arguments)", () => {
    const recorder = new SoakRecorder();
    for (let i = 0; i < 1_000_000; i++) recorder.record("read", i % 100);
    expect(recorder.wholeRun(1_800).total).toMatchObject({ requests: 1_000_000, errors: 0 });
  });

  it("measures memory growth from the end of the warm-up: a fifth of the run, 1 to 5 minutes", () => {
    expect(warmUpMinute(30)).toBe(5);
    expect(warmUpMinute(60)).toBe(5);
    expect(warmUpMinute(10)).toBe(2);
    expect(warmUpMinute(3)).toBe(1);
    expect(warmUpMinute(2)).toBe(1);
    expect(warmUpMinute(1)).toBe(1);
    const long = Array.from({ length: 10 }, (_, i) => minute(i + 1, i === 1 ? 200 : i === 9 ? 210 : 150 + i));
    expect(memoryGrowth(long)).toEqual({
      baselineMinute: 2,
      baselineRssMb: 200,
      lastMinute: 10,
      lastRssMb: 210,
      growthPercent: 5,
    });
    expect(memoryGrowth([minute(1, 200), minute(2, 180)])?.growthPercent).toBe(-10);
    expect(memoryGrowth([minute(1, 200)])?.growthPercent).toBe(0);
    expect(memoryGrowth([minute(1, 200), minute(2, null)])).toBeNull();
    expect(memoryGrowth([])).toBeNull();
  });

  it("is green only without errors, with memory read and grown by at most 10 %, and not interrupted", () => {
    const growth = (growthPercent: number) => ({
      baselineMinute: 2,
      baselineRssMb: 100,
      lastMinute: 30,
      lastRssMb: 100 + growthPercent,
      growthPercent,
    });
    expect(verdict(0, growth(10), false)).toEqual([]);
    expect(verdict(0, growth(10.01), false)).toEqual(["server RSS grew 10.0 % after warm-up (limit 10 %)"]);
    expect(verdict(1, growth(-3), false)).toEqual(["1 request(s) failed"]);
    expect(verdict(0, null, true)).toEqual(["the server's memory could not be read", "interrupted before the end"]);
  });

  it("writes a per-minute table and the verdict in the summary", () => {
    const perMinute = [minute(1, 100), minute(2, 104)];
    const report: SoakReport = {
      command: "npm run soak -- --minutes 2 --concurrency 8 --seed 1",
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:02:10.000Z",
      minutes: 2,
      concurrency: 8,
      seed: 1,
      interrupted: false,
      machine: { cpuModel: "cpu", cores: 2, node: "v20", loadAverageAtStart: [1], loadAverageAtEnd: [2] },
      dataset: { codes: 900 },
      perMinute,
      wholeRun: { total: figures([1, 2, 3], 0, 120), kinds: { read: figures([1, 2, 3], 0, 120) } },
      memory: memoryGrowth(perMinute),
      errorSamples: [],
      failures: [],
    };
    const text = markdown(report);
    expect(text).toContain("# Soak: 2 min at concurrency 8");
    expect(text).toContain("**Green.**");
    expect(text).toContain("at the end of minute 1 → 104 MiB at the end of minute 2: +4.0 %");
    expect(text).toContain("| 2 | 60.0 | 0 | 0.0 | 0.0 | 0.0 | 0 | 104 | n/a |");
    expect(text).toContain("| read | 3 | 0.0 | 2.0 | 3.0 | 0 |");
  });
});
