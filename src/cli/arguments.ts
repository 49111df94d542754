/** Parsers for option values, shared by every command, so `$0600`, `0x0600` and `1536` work everywhere. */
import { InvalidArgumentError } from 'commander';
import { featureProblem, SUPPORTED_FEATURES } from '../asm/feature-names.js';
import { parseAddress, parseNumber } from '../shared/hex.js';
import { CPU_VARIANTS, variantNamed, type CpuVariant } from '../cpu/variants.js';

/** An address $0000–$FFFF in any of moth's spellings. */
export function addressArgument(text: string): number {
  const value = parseAddress(text);
  if (value === undefined) {
    // A shell turns an unquoted $0600 into "$0" (its own name) + "600": say so when that seems to be what happened.
    const shellHint = /^[^$0-9]/.test(text) ? " (in a shell, quote '$0600' or write 0x0600)" : '';
    throw new InvalidArgumentError(`'${text}' is not an address; write $0600, 0x0600 or 1536 (at most $FFFF)${shellHint}.`);
  }
  return value;
}

/** A CPU variant as `--cpu` takes it, in any case (`65C02` as the chip is printed, `65c02`). */
export function cpuArgument(text: string): CpuVariant {
  const variant = variantNamed(text);
  if (variant === undefined) throw new InvalidArgumentError(`'${text}' is not a CPU moth knows; write one of ${CPU_VARIANTS.join(', ')}.`);
  return variant;
}

/** A positive whole number, e.g. a cycle count; `_` separators allowed (`100_000_000`). */
export function positiveNumberArgument(text: string): number {
  const value = parseNumber(text.replaceAll('_', ''));
  if (value === undefined || value <= 0) {
    throw new InvalidArgumentError(`'${text}' is not a positive number.`);
  }
  return value;
}

/** A TCP port, 0 to 65535 (0: the system picks a free one). */
export function portArgument(text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value > 65535) throw new InvalidArgumentError(`'${text}' is not a port number (0 to 65535).`);
  return value;
}

/** `-D name` or `-D name=value` (ca65's): collected into one map; a bare name is 1, as in ca65. */
export function defineArgument(text: string, previous: Map<string, number> = new Map()): Map<string, number> {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.+))?$/.exec(text);
  const value = match?.[2] === undefined ? 1 : parseNumber(match[2]);
  if (!match || value === undefined) {
    throw new InvalidArgumentError(`'${text}' is not a definition; write -D name or -D name=value (a number such as $10, 0x10 or 16).`);
  }
  return new Map(previous).set(match[1]!, value);
}

/** Collects every use of a repeatable option (`-I dir -I other`). */
export function collectArgument(text: string, previous: readonly string[] = []): string[] {
  return [...previous, text];
}

/** `START:END`, two addresses with END not before START, for `--dump` (repeatable: each adds to `previous`). */
export function memoryRangeArgument(text: string, previous: { start: number; end: number }[] = []): { start: number; end: number }[] {
  const [first, second, ...rest] = text.split(':');
  const start = first === undefined ? undefined : parseAddress(first);
  const end = second === undefined ? undefined : parseAddress(second);
  if (rest.length > 0 || start === undefined || end === undefined || end < start) {
    throw new InvalidArgumentError(`'${text}' is not a range; write START:END, such as 0x0200:0x02FF ('$0200:$02FF' quoted in a shell).`);
  }
  return [...previous, { start, end }];
}

/** `--feature name`: a ca65 feature moth follows (checked here, so a typo fails before anything is read). */
export function featureArgument(text: string, previous: readonly string[] = []): string[] {
  const problem = featureProblem(text);
  if (problem !== undefined) throw new InvalidArgumentError(`${problem}; moth follows ${[...SUPPORTED_FEATURES.keys()].join(', ')}.`);
  return [...previous, text];
}
