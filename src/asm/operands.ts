/** Operand syntax → addressing mode, and the zero-page rule, written once (see docs/assembler.md). */

import { ALL_MODES, MODES } from '../cpu/addressing-modes.js';
import { INSTRUCTION_SET, opcodeIndex, type AddressingMode, type InstructionInfo, type OpcodeIndex } from '../cpu/instruction-set.js';
import { VARIANTS } from '../cpu/variants.js';
import { TokenCursor, isParseProblem, parseExpression, type Expression } from './expressions.js';
import type { Token } from './lexer.js';

/** What the operand looks like on the page, before sizes are known. */
export type OperandSyntax =
  | 'none' //        CLC / ASL
  | 'accumulator' // ASL A
  | 'immediate' //   #expr
  | 'direct' //      expr          (zero page, absolute or a branch target)
  | 'directX' //     expr,X
  | 'directY' //     expr,Y
  | 'indirect' //    (expr)        JMP only
  | 'indirectX' //   (expr,X)
  | 'indirectY' //   (expr),Y
  | 'bitBranch'; //   zp, label     65C02 BBR/BBS

export type SizeForce = 'zeroPage' | 'absolute' | undefined;

export interface Operand {
  readonly syntax: OperandSyntax;
  readonly expression: Expression | undefined;
  /** `z:` or `a:` in front of the expression. */
  readonly force: SizeForce;
  /** BBR/BBS: the branch target after the zero-page address. */
  readonly target?: Expression;
}

export interface OperandProblem {
  readonly message: string;
  readonly token: Token | undefined;
  readonly hint?: string;
}

/**
 * Mnemonic (upper case) → mode → opcode row, with every opcode (`.setcpu "6502X"`): the table's choice of
 * opcode (documented first) and its ca65 spellings (AXS, LAX #) read from the instruction set.
 */
export const OPCODES_BY_MNEMONIC: OpcodeIndex = opcodeIndex(() => true);

/** The same for the documented opcodes only: what plain `.setcpu "6502"` (the default) accepts. */
export const DOCUMENTED_OPCODES: OpcodeIndex = opcodeIndex((info) => info.documented);

/** The 65C02's instructions (`.setcpu "65C02"`, `.pc02`, `--cpu 65c02`), with ca65's INA and DEA for INC A and DEC A. */
export const CMOS_OPCODES: OpcodeIndex = (() => {
  const index = new Map(opcodeIndex((info) => info.documented, VARIANTS['65c02'].rows));
  for (const [alias, mnemonic] of [['INA', 'INC'], ['DEA', 'DEC']] as const) {
    index.set(alias, new Map([['accumulator', index.get(mnemonic)!.get('accumulator')!]]));
  }
  return index;
})();

/** What the assembler's CPU setting allows: the NMOS documented opcodes, all NMOS opcodes, or the 65C02's. */
export function acceptedOpcodes(cpu: { readonly undocumentedAllowed: boolean; readonly cmos: boolean }): OpcodeIndex {
  return cpu.cmos ? CMOS_OPCODES : cpu.undocumentedAllowed ? OPCODES_BY_MNEMONIC : DOCUMENTED_OPCODES;
}

/** Mnemonics with at least one documented opcode: the ones accepted without `.setcpu "6502X"`. */
export const DOCUMENTED_MNEMONICS: ReadonlySet<string> = new Set(
  INSTRUCTION_SET.filter((info) => info.documented).map((info) => info.mnemonic),
);

function isRegister(token: Token | undefined, name: 'X' | 'Y' | 'A'): boolean {
  return token !== undefined && token.kind === 'identifier' && token.text.length === 1 && token.text.toUpperCase() === name;
}

/** Parses the tokens after the mnemonic (from the cursor to the end of the statement). */
export function parseOperand(cursor: TokenCursor): Operand | OperandProblem {
  if (cursor.atEnd()) return { syntax: 'none', expression: undefined, force: undefined };
  const first = cursor.peek()!;
  if (isRegister(first, 'A') && cursor.tokens.length === cursor.index + 1) {
    cursor.next();
    return { syntax: 'accumulator', expression: undefined, force: undefined };
  }
  if (first.kind === 'operator' && first.text === '#') {
    cursor.next();
    const expression = expressionOrProblem(cursor);
    if ('message' in expression) return expression;
    return finish(cursor, { syntax: 'immediate', expression, force: undefined });
  }
  let force: SizeForce;
  if (first.kind === 'identifier' && cursor.isOperator(':', 1)) {
    const letter = first.text.toLowerCase();
    if (letter === 'z' || letter === 'zp') force = 'zeroPage';
    else if (letter === 'a' || letter === 'abs') force = 'absolute';
    else return { message: `unknown size prefix '${first.text}:'`, token: first, hint: "use 'z:' for zero page or 'a:' for absolute" };
    cursor.next();
    cursor.next();
  }
  const open = cursor.peek();
  if (open && open.kind === 'operator' && open.text === '(') {
    // As in ca65, an operand that starts with '(' is indirect addressing, never a parenthesised sum.
    cursor.next();
    const expression = expressionOrProblem(cursor);
    if ('message' in expression) return expression;
    if (cursor.isOperator(',')) {
      cursor.next();
      if (!isRegister(cursor.peek(), 'X')) {
        return {
          message: "expected 'X' in '(address,X)'",
          token: cursor.peek() ?? open,
          hint: "only X goes inside the parentheses, (zp,X); Y goes after them, (zp),Y",
        };
      }
      cursor.next();
      if (!cursor.isOperator(')')) return { message: "expected ')' to close '(address,X)'", token: cursor.peek() ?? open };
      cursor.next();
      return finish(cursor, { syntax: 'indirectX', expression, force });
    }
    if (!cursor.isOperator(')')) return { message: "expected ')'", token: cursor.peek() ?? open };
    cursor.next();
    if (cursor.isOperator(',')) {
      cursor.next();
      if (!isRegister(cursor.peek(), 'Y')) {
        return { message: "expected 'Y' in '(address),Y'", token: cursor.peek() ?? open, hint: '(address),Y is the only indexed form after the parenthesis' };
      }
      cursor.next();
      return finish(cursor, { syntax: 'indirectY', expression, force });
    }
    if (!cursor.atEnd()) {
      return {
        message: `unexpected '${cursor.peek()!.text}' after '(...)'`,
        token: cursor.peek(),
        hint: "an operand starting with '(' means indirect addressing (as in ca65); for arithmetic write '0+(...)' instead",
      };
    }
    return { syntax: 'indirect', expression, force };
  }
  const expression = expressionOrProblem(cursor);
  if ('message' in expression) return expression;
  if (cursor.isOperator(',')) {
    const comma = cursor.next()!;
    const register = cursor.peek();
    if (isRegister(register, 'X')) {
      cursor.next();
      return finish(cursor, { syntax: 'directX', expression, force });
    }
    if (isRegister(register, 'Y')) {
      cursor.next();
      return finish(cursor, { syntax: 'directY', expression, force });
    }
    if (register !== undefined && !(register.kind === 'identifier' && register.text.length === 1)) {
      // `zp, label`: the 65C02's BBR/BBS (chooseMode refuses it for any other instruction).
      const target = expressionOrProblem(cursor);
      if ('message' in target) return target;
      return finish(cursor, { syntax: 'bitBranch', expression, force, target });
    }
    return { message: "expected 'X' or 'Y' after ','", token: register ?? comma };
  }
  return finish(cursor, { syntax: 'direct', expression, force });
}

function expressionOrProblem(cursor: TokenCursor): Expression | OperandProblem {
  const result = parseExpression(cursor);
  if (isParseProblem(result)) return { message: result.message, token: result.token };
  return result;
}

function finish(cursor: TokenCursor, operand: Operand): Operand | OperandProblem {
  const extra = cursor.peek();
  if (!extra) return operand;
  if (operand.syntax === 'immediate' && extra.kind === 'operator' && extra.text === ',') {
    return {
      message: 'an immediate value cannot be indexed',
      token: extra,
      hint: "'#' means the value itself; to read memory at address+X, leave out the '#'",
    };
  }
  return { message: `unexpected '${extra.text}' after the operand`, token: extra };
}

/** The zero-page and absolute modes a syntax can mean, and the mode used when no size applies. */
const SIZED_MODES: Partial<Record<OperandSyntax, readonly [AddressingMode, AddressingMode]>> = {
  direct: ['zeroPage', 'absolute'],
  directX: ['zeroPageX', 'absoluteX'],
  directY: ['zeroPageY', 'absoluteY'],
};

const FIXED_MODES: Partial<Record<OperandSyntax, AddressingMode>> = {
  immediate: 'immediate',
  indirect: 'indirect',
  indirectX: 'indexedIndirectX',
  indirectY: 'indirectIndexedY',
  accumulator: 'accumulator',
};

/** How a mode is named in messages: `zero page,X`. */
export function modeName(mode: AddressingMode): string {
  return MODES[mode].name;
}

export interface ModeChoice {
  readonly info: InstructionInfo;
  /** True when the absolute form was taken only because the value was not known yet (ca65 warns then too). */
  readonly absoluteBecauseUnknown: boolean;
}

/** What the layout pass knows about an operand's size when its line is reached (see operandSize). */
export type OperandSize = 'zeroPage' | 'absolute' | 'unknown';

/**
 * The zero-page rule (the same as ca65's): an operand known to fit in one byte when its line is reached gets
 * the zero-page form if the instruction has one; an operand whose size is not known yet (a forward reference)
 * gets the absolute form and keeps it, even if it later turns out to fit. `z:` and `a:` force.
 * Sizes are therefore decided once, on the first pass, and never change.
 */
export function chooseMode(
  mnemonic: string,
  operand: Operand,
  size: OperandSize,
  opcodes: OpcodeIndex,
): ModeChoice | { readonly message: string; readonly hint: string } {
  const modes = opcodes.get(mnemonic)!;
  const available = (): string =>
    ALL_MODES.filter((mode) => modes.has(mode)).map((mode) => MODES[mode].spelling).join(', ');
  if (operand.syntax === 'none') {
    const info = modes.get('implied') ?? modes.get('accumulator');
    if (info) return { info, absoluteBecauseUnknown: false };
    return { message: `${mnemonic} needs an operand`, hint: `${mnemonic} takes: ${available()}` };
  }
  if (operand.syntax === 'bitBranch' || modes.has('zeroPageRelative')) {
    const info = modes.get('zeroPageRelative');
    if (info && operand.syntax === 'bitBranch') return { info, absoluteBecauseUnknown: false };
    if (info) return { message: `${mnemonic} tests a zero-page byte and branches: it takes 'zp, label'`, hint: `write e.g. '${mnemonic} $10, loop'` };
    return { message: `${mnemonic} takes no 'address, label' operand`, hint: `${mnemonic} takes: ${available()}` };
  }
  if (modes.has('relative')) {
    if (operand.syntax === 'direct') return { info: modes.get('relative')!, absoluteBecauseUnknown: false };
    return { message: `${mnemonic} is a branch: its operand is a label (or address) to jump to`, hint: `write e.g. '${mnemonic} loop'` };
  }
  if (operand.syntax === 'accumulator' && !modes.has('accumulator')) {
    // `A` could be a symbol of that name; ca65 also reserves it as the accumulator.
    return { message: `${mnemonic} has no accumulator mode`, hint: `${mnemonic} takes: ${available()}` };
  }
  let fixed = FIXED_MODES[operand.syntax];
  // The 65C02's (zp) and JMP (abs,X) are written like JMP (abs) and (zp,X).
  if (fixed === 'indirect' && !modes.has('indirect') && modes.has('zeroPageIndirect')) fixed = 'zeroPageIndirect';
  if (fixed === 'indexedIndirectX' && !modes.has('indexedIndirectX') && modes.has('absoluteIndexedIndirect')) fixed = 'absoluteIndexedIndirect';
  if (fixed) {
    const info = modes.get(fixed);
    if (info) return { info, absoluteBecauseUnknown: false };
    const extra = fixed === 'indirect' ? " ('(addr)' without an index is only for JMP)" : '';
    return { message: `${mnemonic} has no ${modeName(fixed)} mode${extra}`, hint: `${mnemonic} takes: ${available()}` };
  }
  const [zeroPageMode, absoluteMode] = SIZED_MODES[operand.syntax]!;
  const zeroPage = modes.get(zeroPageMode);
  const absolute = modes.get(absoluteMode);
  if (operand.force === 'zeroPage') {
    if (zeroPage) return { info: zeroPage, absoluteBecauseUnknown: false };
    return { message: `${mnemonic} has no ${modeName(zeroPageMode)} mode`, hint: `${mnemonic} takes: ${available()}` };
  }
  if (operand.force === 'absolute') {
    if (absolute) return { info: absolute, absoluteBecauseUnknown: false };
    return { message: `${mnemonic} has no ${modeName(absoluteMode)} mode`, hint: `${mnemonic} takes: ${available()}` };
  }
  if (size === 'zeroPage' && zeroPage) return { info: zeroPage, absoluteBecauseUnknown: false };
  if (absolute) return { info: absolute, absoluteBecauseUnknown: size === 'unknown' && zeroPage !== undefined };
  if (zeroPage) return { info: zeroPage, absoluteBecauseUnknown: false };
  return { message: `${mnemonic} has no ${modeName(absoluteMode)} mode`, hint: `${mnemonic} takes: ${available()}` };
}

/**
 * The size of an operand on the layout pass, as ca65 studies it: a constant value is zero page when it lies in
 * $00–$FF; otherwise `<`, `>` and `^` make one byte (so `>later` is zero page even before `later` is defined),
 * an operator combines its operands' sizes (the larger wins), a label of a relocatable segment has that
 * segment's size (absolute), and a symbol not defined yet is of unknown size.
 * `constantValue` gives a node's value when it is a constant now; `leafSize` sizes a symbol that is not.
 */
export function operandSize(
  expression: Expression,
  constantValue: (node: Expression) => number | undefined,
  leafSize: (leaf: Expression) => OperandSize,
): OperandSize {
  const value = constantValue(expression);
  if (value !== undefined) return value >= 0 && value <= 0xff ? 'zeroPage' : 'absolute';
  switch (expression.kind) {
    case 'unary':
      if (expression.operator === '<' || expression.operator === '>' || expression.operator === '^') return 'zeroPage';
      if (expression.operator === '.loword' || expression.operator === '.hiword') return 'absolute';
      return operandSize(expression.operand, constantValue, leafSize);
    case 'binary': {
      const left = operandSize(expression.left, constantValue, leafSize);
      const right = operandSize(expression.right, constantValue, leafSize);
      if (left === 'unknown' || right === 'unknown') return 'unknown';
      return left === 'absolute' || right === 'absolute' ? 'absolute' : 'zeroPage';
    }
    case 'symbol':
    case 'local':
    case 'unnamed':
    case 'pc':
      return leafSize(expression);
    default:
      return 'unknown';
  }
}
