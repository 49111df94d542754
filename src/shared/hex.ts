/** Formats and parses the number spellings moth accepts everywhere: `$FF`, `0xFF`, `%1010` and `255`. */

/** `$0F`, `$0600`: the 6502 convention, upper case, padded to the given number of hex digits. */
export function hex(value: number, digits = 2): string {
  return '$' + hexDigits(value, digits);
}

/** `0F`, `0600`: like {@link hex} without the dollar sign, for dumps and traces. */
export function hexDigits(value: number, digits = 2): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

/** `hex(value, 4)`, the usual spelling of an address. */
export function hexWord(value: number): string {
  return hex(value, 4);
}

/**
 * Parses `$0600`, `0x0600`, `%1010` or `1536`; returns undefined for anything else
 * (so callers can say which argument was wrong).
 */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  let digits: string;
  let radix: number;
  if (/^\$[0-9a-f]+$/i.test(trimmed)) [digits, radix] = [trimmed.slice(1), 16];
  else if (/^0x[0-9a-f]+$/i.test(trimmed)) [digits, radix] = [trimmed.slice(2), 16];
  else if (/^%[01]+$/.test(trimmed)) [digits, radix] = [trimmed.slice(1), 2];
  else if (/^[0-9]+$/.test(trimmed)) [digits, radix] = [trimmed, 10];
  else return undefined;
  const value = parseInt(digits, radix);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Parses an address ($0000–$FFFF); undefined when it is not a number or does not fit. */
export function parseAddress(text: string): number | undefined {
  const value = parseNumber(text);
  return value !== undefined && value <= 0xffff ? value : undefined;
}
