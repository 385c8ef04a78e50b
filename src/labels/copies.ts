import { BadUserInputError } from "../errors/app-errors.js";

/** 一批一码 / 一品一码: one code for many packages, so a label sheet or list may repeat each code. */
export const MAX_COPIES = 10_000;

/** `?copies=N` (default 1): how many times each code is printed or listed. */
export function parseCopies(raw: unknown): number {
  if (raw === undefined || raw === "") return 1;
  const value = typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_COPIES) {
    throw new BadUserInputError(`copies must be a whole number from 1 to ${MAX_COPIES}`, {
      field: "copies",
      rule: `range 1..${MAX_COPIES}`,
    });
  }
  return value;
}

/** Each page with every code repeated `copies` times in place (code A's labels together, then B's). */
export async function* repeatEach<T>(pages: AsyncIterable<T[]>, copies: number): AsyncIterable<T[]> {
  for await (const page of pages) {
    yield copies === 1 ? page : page.flatMap((code) => Array<T>(copies).fill(code));
  }
}
