import { Writable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";

let collect: (() => void) | undefined;

/** The live heap now, in MiB: a full collection first (V8's gc, exposed at run time), so garbage is not counted. */
export function liveHeapMb(): number {
  if (!collect) {
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  }
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/**
 * The live heap while an export streams through this process: read before, then each time another quarter of its
 * `lines` has passed. An export that keeps what it wrote grows by a quarter of its data at each reading; a streamed
 * one stays where it started, whatever its size.
 */
export class QuarterHeap {
  readonly readings: number[] = [];
  private seen = 0;
  private next: number;

  constructor(private readonly lines: number) {
    this.readings.push(liveHeapMb());
    this.next = Math.ceil(lines / 4);
  }

  /** Counts lines that passed; reads the heap at each quarter. */
  passed(count: number): void {
    this.seen += count;
    while (this.seen >= this.next && this.readings.length < 5) {
      this.readings.push(liveHeapMb());
      this.next += Math.ceil(this.lines / 4);
    }
  }

  /** The most the live heap rose above its reading before the export, in MiB. */
  get growthMb(): number {
    return Math.max(0, ...this.readings.map((r) => r - this.readings[0]!));
  }

  /** A sink for a stream of text that counts its lines here. */
  sink(): Writable {
    return new Writable({
      write: (chunk: Buffer | string, _encoding, done) => {
        const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
        let count = 0;
        for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
        this.passed(count);
        done();
      },
    });
  }
}
