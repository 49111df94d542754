/** The `.feature` directive: turns ca65 features (feature-names.ts) on and off from a line on. */

import type { TokenCursor } from './expressions.js';
import { featureProblem, SUPPORTED_FEATURES } from './feature-names.js';
import type { Token } from './lexer.js';
import { fail } from './reporting.js';
import type { Assembly, LineContext } from './state.js';

/** Turns a feature on or off from here on. */
export function setFeature(asm: Assembly, name: string, on: boolean): void {
  const lower = name.toLowerCase();
  if (on) asm.features.add(lower);
  else asm.features.delete(lower);
  // Range checks happen when bytes are written, after layout: remember where force_range starts.
  if (lower === 'force_range') asm.forceRangeFrom = on ? Math.min(asm.forceRangeFrom, asm.currentLineIndex) : Infinity;
}

/** `.feature labels_without_colons, force_range +` */
export function featureDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  for (;;) {
    const name = cursor.next();
    if (!name || name.kind !== 'identifier') fail(asm, context, name ?? head, '.feature needs a feature name', 'write e.g. .feature labels_without_colons');
    let on = true;
    if (cursor.isOperator('+') || cursor.isOperator('-')) on = cursor.next()!.text === '+';
    const problem = featureProblem(name.text);
    if (problem) fail(asm, context, name, problem, `moth follows: ${[...SUPPORTED_FEATURES.keys()].join(', ')} (see docs/assembler.md)`);
    setFeature(asm, name.text, on);
    if (cursor.atEnd()) return;
    const comma = cursor.next()!;
    if (comma.kind !== 'operator' || comma.text !== ',') fail(asm, context, comma, `expected ',' between features, found '${comma.text}'`);
  }
}
