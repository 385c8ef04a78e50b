import { BadUserInputError } from "../errors/app-errors.js";

/**
 * C0 and C1 control characters (NUL, line breaks, escape...), line and paragraph separators, zero-width characters
 * and bidirectional overrides. A name holding one breaks CSV exports, label sheets and log lines, or shows one thing
 * and stores another (an override reverses how the rest reads), so names refuse them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** True when `text` holds a character no name may hold (see CONTROL). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** The trimmed name, or BAD_USER_INPUT naming `field` when it holds a control character. */
export function plainName(value: string, field: string): string {
  if (hasControlCharacter(value)) {
    throw new BadUserInputError(`${field} may not contain control characters`, { field, rule: "plain text" });
  }
  return value.trim();
}
