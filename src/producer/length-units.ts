/** Length units a cable reel (母码) may be measured in, with their size in metres. */
const METRES: Readonly<Record<string, number>> = { m: 1, 米: 1, km: 1000, 千米: 1000, 公里: 1000 };

/** True when `unit` measures length (so a batch quantity in it is the default length of its mother codes). */
export function isLengthUnit(unit: string | null | undefined): boolean {
  return unit !== null && unit !== undefined && normalizeUnit(unit) in METRES;
}

/** `value` in `from` expressed in `to`; undefined when either is not a length unit. */
export function convertLength(value: number, from: string, to: string): number | undefined {
  const a = METRES[normalizeUnit(from)];
  const b = METRES[normalizeUnit(to)];
  return a === undefined || b === undefined ? undefined : (value * a) / b;
}

export function normalizeUnit(unit: string): string {
  const trimmed = unit.trim();
  return /^[a-z]+$/i.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}
