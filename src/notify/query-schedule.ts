import { BadUserInputError } from "../errors/app-errors.js";

/**
 * The EPCIS query schedule of a subscription (`schedule`: second, minute, hour, dayOfMonth, month, dayOfWeek), each
 * field a comma-separated list of values, ranges (`1-5` or `[1-5]`), steps (`*\/15`) or `*`. An omitted field means
 * every value, except `second`, which means 0. Times are UTC.
 */
export interface QuerySchedule {
  second?: string;
  minute?: string;
  hour?: string;
  dayOfMonth?: string;
  month?: string;
  dayOfWeek?: string;
}

const FIELDS = {
  second: [0, 59],
  minute: [0, 59],
  hour: [0, 23],
  dayOfMonth: [1, 31],
  month: [1, 12],
  dayOfWeek: [0, 7],
} as const;
type Field = keyof typeof FIELDS;

export type CompiledSchedule = Record<Field, Set<number>>;

/** Checks a schedule (BAD_USER_INPUT naming `schedule.<field>`) and compiles it into the values each field takes. */
export function compileSchedule(schedule: unknown): CompiledSchedule {
  if (typeof schedule !== "object" || schedule === null || Array.isArray(schedule)) {
    throw new BadUserInputError("schedule must be an object of cron-style fields", { field: "schedule" });
  }
  const raw = schedule as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(key in FIELDS)) throw new BadUserInputError(`schedule.${key} is not a schedule field`, { field: "schedule" });
  }
  const compiled = {} as CompiledSchedule;
  for (const field of Object.keys(FIELDS) as Field[]) {
    const value = raw[field];
    const text = value === undefined ? (field === "second" ? "0" : "*") : String(value);
    compiled[field] = values(field, text);
  }
  if (compiled.dayOfWeek.has(7)) compiled.dayOfWeek.add(0);
  return compiled;
}

function values(field: Field, text: string): Set<number> {
  const [lo, hi] = FIELDS[field];
  const out = new Set<number>();
  const bad = () =>
    new BadUserInputError(`schedule.${field} "${text}" is not a list of values ${lo}-${hi}`, {
      field: `schedule.${field}`,
      rule: "cron field",
    });
  for (const part of text.split(",").map((p) => p.trim().replace(/^\[(.*)\]$/, "$1"))) {
    const step = /^(\*|\d+-\d+)\/(\d+)$/.exec(part);
    const range = /^(\d+)-(\d+)$/.exec(part);
    let from: number;
    let to: number;
    let by = 1;
    if (part === "*") [from, to] = [lo, hi];
    else if (step) {
      const [a, b] = step[1] === "*" ? [lo, hi] : step[1]!.split("-").map(Number);
      [from, to, by] = [a!, b!, Number(step[2])];
    } else if (range) [from, to] = [Number(range[1]), Number(range[2])];
    else if (/^\d+$/.test(part)) from = to = Number(part);
    else throw bad();
    if (from < lo || to > hi || from > to || by < 1) throw bad();
    for (let v = from; v <= to; v += by) out.add(v);
  }
  return out;
}

/** The first instant strictly after `after` (epoch ms) that the schedule names; null if none within ~4 years. */
export function nextRun(schedule: CompiledSchedule, after: number): number | null {
  const start = new Date(Math.floor(after / 1000) * 1000 + 1000);
  const limit = start.getTime() + 4 * 366 * 86_400_000;
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  for (; day.getTime() < limit; day.setUTCDate(day.getUTCDate() + 1)) {
    if (!schedule.month.has(day.getUTCMonth() + 1)) continue;
    if (!schedule.dayOfMonth.has(day.getUTCDate()) || !schedule.dayOfWeek.has(day.getUTCDay())) continue;
    for (const hour of sorted(schedule.hour)) {
      for (const minute of sorted(schedule.minute)) {
        for (const second of sorted(schedule.second)) {
          const at = day.getTime() + ((hour * 60 + minute) * 60 + second) * 1000;
          if (at >= start.getTime()) return at;
        }
      }
    }
  }
  return null;
}

function sorted(set: Set<number>): number[] {
  return [...set].sort((a, b) => a - b);
}
