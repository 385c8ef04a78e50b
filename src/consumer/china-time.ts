/** China has one time zone and no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An ISO instant as a consumer in China reads it: `2026-03-01 14:05` (Beijing time); the input when unparsable. */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}
