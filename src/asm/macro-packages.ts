/**
 * ca65's `.macpack` packages: `generic` (add, sub, bge, blt, bgt, ble, bnz, bze), `cpu` (the CPU_ISET_* and
 * CPU_* constants) and `longbranch` (jeq, jne, jcc, jcs, jmi, jpl, jvc, jvs: a branch when the target is
 * defined above and near, else the opposite branch over a JMP). The first two are source text read like an
 * include; longbranch is decided here, because the choice depends on what is known when the line is reached.
 */

import { instruction, processFile } from './assembler.js';
import { currentScope, evaluateNow, expectEnd, parseFullExpression, recordOf, valueWhateverThePlacement } from './evaluation.js';
import { findSymbol, TokenCursor, type Expression } from './expressions.js';
import type { Token } from './lexer.js';
import { fail } from './reporting.js';
import type { Assembly, LineContext } from './state.js';

const GENERIC = `
.macro add value, index
        clc
.ifblank index
        adc value
.else
        adc value, index
.endif
.endmacro
.macro sub value, index
        sec
.ifblank index
        sbc value
.else
        sbc value, index
.endif
.endmacro
.macro bge target
        bcs target
.endmacro
.macro blt target
        bcc target
.endmacro
.macro bgt target
.local over
        beq over
        bcs target
over:
.endmacro
.macro ble target
        beq target
        bcc target
.endmacro
.macro bnz target
        bne target
.endmacro
.macro bze target
        beq target
.endmacro
`;

// The values ca65 2.19 gives these names (each CPU_ name is the instruction sets that CPU understands).
const CPU = `
CPU_ISET_NONE    = $0001
CPU_ISET_6502    = $0002
CPU_ISET_6502X   = $0004
CPU_ISET_65SC02  = $0008
CPU_ISET_65C02   = $0010
CPU_ISET_65816   = $0020
CPU_ISET_SWEET16 = $0040
CPU_ISET_HUC6280 = $0080
CPU_ISET_4510    = $0200
CPU_NONE    = CPU_ISET_NONE
CPU_6502    = CPU_ISET_6502
CPU_6502X   = CPU_ISET_6502 | CPU_ISET_6502X
CPU_65SC02  = CPU_ISET_6502 | CPU_ISET_65SC02
CPU_65C02   = CPU_ISET_6502 | CPU_ISET_65SC02 | CPU_ISET_65C02
CPU_65816   = CPU_ISET_6502 | CPU_ISET_65SC02 | CPU_ISET_65816
CPU_SWEET16 = CPU_ISET_SWEET16
CPU_HUC6280 = CPU_ISET_6502 | CPU_ISET_65SC02 | CPU_ISET_65C02 | CPU_ISET_HUC6280
CPU_4510    = CPU_ISET_6502 | CPU_ISET_65SC02 | CPU_ISET_65C02 | CPU_ISET_4510
`;

const TEXT_PACKAGES: ReadonlyMap<string, string> = new Map([
  ['generic', GENERIC],
  ['cpu', CPU],
]);

/** Long branch → [the branch, its opposite]. */
const LONG_BRANCHES: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['jeq', ['BEQ', 'BNE']],
  ['jne', ['BNE', 'BEQ']],
  ['jcc', ['BCC', 'BCS']],
  ['jcs', ['BCS', 'BCC']],
  ['jmi', ['BMI', 'BPL']],
  ['jpl', ['BPL', 'BMI']],
  ['jvc', ['BVC', 'BVS']],
  ['jvs', ['BVS', 'BVC']],
]);

/** `.macpack name` (each package is read once). */
export function macpackDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const name = cursor.next();
  if (!name || name.kind !== 'identifier') fail(asm, context, name ?? head, '.macpack needs a package name', 'write e.g. .macpack longbranch');
  expectEnd(asm, context, cursor);
  const lower = name.text.toLowerCase();
  const text = TEXT_PACKAGES.get(lower);
  if (text === undefined && lower !== 'longbranch') {
    fail(asm, context, name, `moth has no macro package '${name.text}'`, 'moth has generic, longbranch and cpu');
  }
  if (asm.macroPackages.has(lower)) return;
  asm.macroPackages.add(lower);
  if (text === undefined) return;
  // Its text is a source like any other, so messages about its lines can show them.
  const file = `<macpack ${lower}>`;
  asm.sources.set(file, text);
  processFile(asm, file, text, context.depth + 1);
}

/** True when `word` is a long branch of a loaded longbranch package. */
export function isLongBranch(asm: Assembly, word: string): boolean {
  return asm.macroPackages.has('longbranch') && LONG_BRANCHES.has(word.toLowerCase());
}

/**
 * `jeq target`: `BEQ target` when every name in the target is defined above and the target is at most 127
 * bytes back (as ca65's macro decides: a forward target always gets the long form), else `BNE *+5 / JMP target`.
 */
export function longBranch(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const [branch, opposite] = LONG_BRANCHES.get(head.text.toLowerCase())!;
  const start = cursor.index;
  const target = parseFullExpression(asm, context, cursor, head);
  const scope = currentScope(asm);
  const undefinedName = findSymbol(target, (leaf) => {
    const record = recordOf(asm, leaf, scope);
    return record === undefined || record.kind === 'import' || (leaf.kind === 'unnamed' && leaf.distance > 0);
  });
  let near = false;
  if (undefinedName === undefined) {
    const distance: Expression = {
      kind: 'binary',
      operator: '-',
      left: { kind: 'binary', operator: '+', left: { kind: 'pc', token: head }, right: { kind: 'number', value: 2, token: head }, token: head },
      right: target,
      token: head,
    };
    const value = evaluateNow(asm, distance, scope, context) ?? valueWhateverThePlacement(asm, distance, scope, context);
    near = value !== undefined && value <= 127;
  }
  const targetCursor = new TokenCursor(cursor.tokens);
  targetCursor.index = start;
  if (near) {
    instruction(asm, context, head, branch, targetCursor);
    return;
  }
  const at = (kind: Token['kind'], text: string, value = 0): Token => ({ kind, text, value, column: head.column, length: head.length });
  instruction(asm, context, head, opposite, new TokenCursor([at('operator', '*'), at('operator', '+'), at('number', '5', 5)]));
  instruction(asm, context, head, 'JMP', targetCursor);
}
