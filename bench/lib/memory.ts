import { processMemory } from "./bench-db.js";

/**
 * Peak memory while the benchmark runs: this process (generator, loader, clients) through process.memoryUsage(),
 * the servers and the Neo4j launcher through /proc/<pid>/status, sampled twice a second; VmHWM (the kernel's
 * high-water mark) is read at the end as well, since a peak can fall between two samples.
 */
export interface MemoryPeaks {
  benchProcess: { peakRssMb: number; peakHeapUsedMb: number };
  processes: Record<string, { peakRssSampledMb: number; vmHwmMb: number | null }>;
}

export class MemorySampler {
  private readonly peaks: MemoryPeaks = { benchProcess: { peakRssMb: 0, peakHeapUsedMb: 0 }, processes: {} };
  private readonly pids = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.sample(), 500);
    this.timer.unref();
  }

  watch(name: string, pid: number | undefined): void {
    if (pid) this.pids.set(name, pid);
  }

  sample(): void {
    const usage = process.memoryUsage();
    const own = this.peaks.benchProcess;
    own.peakRssMb = Math.max(own.peakRssMb, usage.rss / 2 ** 20);
    own.peakHeapUsedMb = Math.max(own.peakHeapUsedMb, usage.heapUsed / 2 ** 20);
    for (const [name, pid] of this.pids) {
      const memory = processMemory(pid);
      if (!memory) continue;
      const entry = (this.peaks.processes[name] ??= { peakRssSampledMb: 0, vmHwmMb: null });
      entry.peakRssSampledMb = Math.max(entry.peakRssSampledMb, memory.rssMb);
      entry.vmHwmMb = memory.peakRssMb;
    }
  }

  /** Samples once more and returns the peaks, rounded to whole MiB. */
  finish(): MemoryPeaks {
    this.sample();
    clearInterval(this.timer);
    const r = (v: number) => Math.round(v);
    return {
      benchProcess: {
        peakRssMb: r(this.peaks.benchProcess.peakRssMb),
        peakHeapUsedMb: r(this.peaks.benchProcess.peakHeapUsedMb),
      },
      processes: Object.fromEntries(
        Object.entries(this.peaks.processes).map(([k, v]) => [
          k,
          { peakRssSampledMb: r(v.peakRssSampledMb), vmHwmMb: v.vmHwmMb === null ? null : r(v.vmHwmMb) },
        ]),
      ),
    };
  }
}
