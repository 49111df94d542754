/**
 * ca65's `.feature` switches (also `--feature` on the command line): which ones moth follows, and what each
 * does here. Names it does not follow are refused by name, so a source never assembles differently in silence.
 * No imports: the command line checks names with it before loading the assembler.
 */

/** The features moth follows, with what each one does. */
export const SUPPORTED_FEATURES: ReadonlyMap<string, string> = new Map([
  ['labels_without_colons', 'a name at the very start of a line is a label even without a colon'],
  ['force_range', 'values too big for a byte or word are cut to fit instead of being errors'],
  ['org_per_seg', 'each segment keeps its own .org (moth always does)'],
  ['pc_assignment', "'* = address' is ca65's .org (without it, moth's '*=' places the bytes at the address)"],
  ['missing_char_term', "'A without the closing quote is a character (moth always accepts it)"],
  ['long_jsr_jmp_rts', 'a 65816 switch with no effect on a 6502'],
]);

/** ca65's other features: recognised, so the refusal can say it is a ca65 feature moth does not follow. */
const OTHER_CA65_FEATURES = new Set([
  'at_in_identifiers', 'bracket_as_indirect', 'c_comments', 'dollar_in_identifiers', 'dollar_is_pc',
  'leading_dot_in_identifiers', 'line_continuations', 'loose_char_term', 'loose_string_term', 'string_escapes',
  'ubiquitous_idents', 'underline_in_numbers', 'addrsize',
]);

/** Why a feature name cannot be turned on, or undefined when moth follows it. */
export function featureProblem(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (SUPPORTED_FEATURES.has(lower)) return undefined;
  if (OTHER_CA65_FEATURES.has(lower)) return `moth does not follow ca65's feature '${name}'`;
  return `'${name}' is not a ca65 feature`;
}
