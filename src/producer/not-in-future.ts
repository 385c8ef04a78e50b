import { BadUserInputError } from "../errors/app-errors.js";

/** Clocks of scanners and partner systems drift: a time up to this far ahead of ours is taken as now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** BAD_USER_INPUT for an event time in the future (a scan or shipment dated next year is a typo, not a fact). */
export function assertNotInFuture(at: Date, field: string, now: Date = new Date()): void {
  if (at.getTime() <= now.getTime() + CLOCK_SKEW_MS) return;
  throw new BadUserInputError(`${field}: ${at.toISOString()} is in the future`, { field, rule: "not in the future" });
}
