/**
 * GS1 mod-10 check digit (GS1 General Specifications §7.9). Weights 3 and 1 alternate starting with 3 at the digit
 * next to the check digit, so left-padding with zeros never changes the result: GTIN-8/12/13/14, GLN, SSCC, GSRN and
 * GSIN all share this one function.
 */
export function gs1CheckDigit(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError(`GS1 check digit needs digits, got "${digits}"`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i;
    sum += (digits.charCodeAt(i) - 48) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return String((10 - (sum % 10)) % 10);
}

/** True when the last digit is the GS1 check digit of the ones before it. */
export function hasValidGs1CheckDigit(digitsWithCheck: string): boolean {
  if (!/^\d{2,}$/.test(digitsWithCheck)) return false;
  return gs1CheckDigit(digitsWithCheck.slice(0, -1)) === digitsWithCheck.slice(-1);
}
