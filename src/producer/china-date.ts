/** Production dates are calendar days in China: today is today in China Standard Time (UTC+8, no DST). */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of `now` in China Standard Time. */
export function chinaDate(now: Date = new Date()): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Days (fractional) from the start of a China calendar day to an instant. */
export function daysSinceChinaDate(date: string, instant: string): number {
  const start = Date.parse(`${date}T00:00:00+08:00`);
  return Math.round(((Date.parse(instant) - start) / 86_400_000) * 100) / 100;
}
