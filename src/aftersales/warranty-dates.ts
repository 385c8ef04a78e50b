import { BadUserInputError } from "../errors/app-errors.js";

/** `YYYY-MM-DD` of a real calendar day, else BAD_USER_INPUT naming the field. */
export function requireDate(value: string, field: string): string {
  const text = value.trim();
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new BadUserInputError(`${field} must be a date YYYY-MM-DD`, { field, rule: "date" });
  }
  return text;
}

/**
 * The last day of a warranty of `months` from `purchaseDate` (same day of the month, or the month's last day when it
 * has none: 2026-01-31 + 1 month is 2026-02-28).
 */
export function warrantyEnd(purchaseDate: string, months: number): string {
  const [y = 0, m = 1, d = 1] = purchaseDate.split("-").map(Number);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
