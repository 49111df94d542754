/** The emit pass: every fragment evaluated with all symbols known, range-checked, and written into the 64K image. */

import { INSTRUCTION_SET, oppositeBranch, type InstructionInfo, type Mnemonic } from '../cpu/instruction-set.js';
import { hex } from '../shared/hex.js';
import { evaluateFinal, resolveName } from './evaluation.js';
import { type Expression, expressionSpan, findSymbol } from './expressions.js';
import { modeName } from './operands.js';
import { byteHint, formatValue, report } from './reporting.js';
import { type Assembly, type DataWidth, type Fragment, type LineContext, lineStartToken, type Section } from './state.js';
import { type EvaluationScope, localKey } from './symbols.js';

/** Writes every fragment through its section's `output` (see Section); sections without one only get checked. */
export function emit(asm: Assembly): void {
  const overlapReported = new Set<number>();
  let output: Section['output'];
  /** The address a byte at an output index has, for messages: index + (shift - outputDelta). */
  let addressDelta = 0;
  const write = (index: number, value: number, lineIndex: number): void => {
    if (output === undefined || index < 0 || index >= output.bytes.length) return;
    const owner = output.owner;
    const previous = owner[index]!;
    if (previous !== 0 && previous !== lineIndex + 1 && !overlapReported.has(lineIndex)) {
      const address = (index + addressDelta) & 0xffff;
      overlapReported.add(lineIndex);
      const earlier = asm.lines[previous - 1]!;
      const line = asm.lines[lineIndex]!;
      report(asm, 'error', line, lineStartToken(line.column - 1), `the bytes at ${hex(address, 4)} were already written by an earlier line`, 'check your .org addresses: two parts of the program overlap', [
        { message: 'the earlier bytes come from here', location: { file: earlier.file, line: earlier.line, column: 1 } },
      ], 1);
    }
    owner[index] = lineIndex + 1;
    output.bytes[index] = value & 0xff;
  };
  for (const fragment of asm.fragments) {
    asm.currentLineIndex = fragment.lineIndex;
    const line = asm.lines[fragment.lineIndex]!;
    const context: LineContext = line;
    let at = 0;
    let address = 0;
    if (fragment.kind !== 'assert') {
      const section = fragment.section;
      output = section.output;
      at = section.outputDelta + fragment.address;
      address = section.shift + fragment.address;
      addressDelta = section.shift - section.outputDelta;
    }
    switch (fragment.kind) {
      case 'bytes':
        for (let index = 0; index < fragment.bytes.length; index++) write(at + index, fragment.bytes[index]!, fragment.lineIndex);
        break;
      case 'fill':
        if (output === undefined) break;
        for (let index = 0, value = fragment.value ?? output.fill; index < fragment.length && at + index < output.bytes.length; index++) write(at + index, value, fragment.lineIndex);
        break;
      case 'data': {
        const value = fragment.known ?? evaluateFinal(asm, fragment.expression, fragment.scope, context) ?? 0;
        checkDataRange(asm, context, fragment.expression, value, fragment.width);
        if (fragment.width === -2) {
          write(at, value >> 8, fragment.lineIndex);
          write(at + 1, value, fragment.lineIndex);
        } else {
          for (let index = 0; index < fragment.width; index++) write(at + index, value >> (8 * index), fragment.lineIndex);
        }
        break;
      }
      case 'instruction': {
        write(at, fragment.info.opcode, fragment.lineIndex);
        if (fragment.info.length === 1 || !fragment.expression) break;
        const value = fragment.known ?? evaluateFinal(asm, fragment.expression, fragment.scope, context);
        const operand = value === undefined ? 0 : operandValue(asm, context, fragment, value, address);
        write(at + 1, operand, fragment.lineIndex);
        if (fragment.target !== undefined) {
          // BBR/BBS: the zero-page byte, then the branch offset counted from the next instruction.
          const target = evaluateFinal(asm, fragment.target, fragment.scope, context);
          const relative = { ...fragment, expression: fragment.target, info: { ...fragment.info, mode: 'relative' as const } };
          write(at + 2, target === undefined ? 0 : operandValue(asm, context, relative, target, address + 1), fragment.lineIndex);
        } else if (fragment.info.length === 3) write(at + 2, operand >> 8, fragment.lineIndex);
        break;
      }
      case 'assert': {
        const value = evaluateFinal(asm, fragment.expression, fragment.scope, context);
        if (value === 0) report(asm, fragment.severity, context, fragment.token, fragment.message, undefined, [], fragment.token.length);
        break;
      }
    }
  }
}

export function checkDataRange(asm: Assembly, context: LineContext, expression: Expression, value: number, width: DataWidth): void {
  if (asm.currentLineIndex >= asm.forceRangeFrom) return; // .feature force_range: the value is cut to fit
  const span = expressionSpan(expression);
  const length = span.end - span.column;
  const caret = { ...expression.token, column: span.column };
  // ca65's ranges: bytes 0..255 and words 0..65535; a negative number needs < to pick its low byte.
  if (width === 1 && (value < 0 || value > 0xff)) {
    report(asm, 'error', context, caret, `value ${formatValue(value)} does not fit in a byte (0..255)`, byteHint(value), [], length);
  } else if (width === 3 && (value < 0 || value > 0xffffff)) {
    report(asm, 'error', context, caret, `value ${formatValue(value)} does not fit in three bytes (0..$FFFFFF)`, undefined, [], length);
  } else if ((width === 2 || width === -2) && (value < 0 || value > 0xffff)) {
    report(asm, 'error', context, caret, `value ${formatValue(value)} does not fit in a word (0..65535)`, value < 0 ? `write .loword(${value}) to store its two's complement` : undefined, [], length);
  }
}

/** Range-checks an operand for its mode and returns the bytes' value (for branches, the offset). */
export function operandValue(asm: Assembly, context: LineContext, fragment: Extract<Fragment, { kind: 'instruction' }>, value: number, address: number): number {
  const expression = fragment.expression!;
  const span = expressionSpan(expression);
  const caret = { ...expression.token, column: span.column };
  const length = span.end - span.column;
  const info = fragment.info;
  const error = (message: string, hint?: string): number => {
    report(asm, 'error', context, caret, message, hint, [], length);
    return 0;
  };
  switch (info.mode) {
    case 'relative': {
      const distance = value - (address + 2);
      if (value < 0 || value > 0xffff) return error(`branch target ${formatValue(value)} is outside $0000–$FFFF`);
      if (distance < -128 || distance > 127) {
        return error(
          `branch target ${hex(value, 4)} is ${Math.abs(distance)} bytes ${distance < 0 ? 'back' : 'ahead'}; the limit is -128..+127`,
          `branches reach only 128 bytes back or 127 ahead; use JMP, or branch on the opposite condition over a JMP (e.g. '${invertBranch(info.mnemonic)} skip' / 'JMP far' / 'skip:')`,
        );
      }
      return distance & 0xff;
    }
    case 'immediate':
      if (asm.currentLineIndex >= asm.forceRangeFrom) return value & 0xff;
      if (value < 0 || value > 0xff) return error(`immediate value ${formatValue(value)} does not fit in a byte (0..255)`, byteHint(value, '#'));
      return value & 0xff;
    case 'zeroPage':
    case 'zeroPageRelative':
    case 'zeroPageIndirect':
    case 'zeroPageX':
    case 'zeroPageY':
    case 'indexedIndirectX':
    case 'indirectIndexedY':
      if (value < 0 || value > 0xff) {
        const why = fragment.zeroPageOnly && (info.mode === 'zeroPageX' || info.mode === 'zeroPageY')
          ? `${info.mnemonic} has no ${modeName(absoluteOf(info.mode))} mode`
          : info.mode === 'indexedIndirectX' || info.mode === 'indirectIndexedY'
            ? 'the pointer of an indirect mode lives in zero page ($00–$FF)'
            : `${modeName(info.mode)} addresses are $00–$FF`;
        return error(`address ${formatValue(value)} does not fit in zero page`, why);
      }
      return value;
    default: {
      if (value < 0 || value > 0xffff) return error(`address ${formatValue(value)} is outside $0000–$FFFF`);
      if (fragment.absoluteBecauseUnknown && value <= 0xff) {
        const forward = findSymbol(expression, (leaf) => isForwardReference(asm, leaf, fragment.lineIndex, fragment.scope));
        // No name is defined later: one defined above depends on a later one (`PLAIN = later - 2`).
        const named = forward ?? findSymbol(expression, () => true);
        const name = named?.token.text ?? 'the operand';
        const shown = named ? `'${name}'` : name;
        report(
          asm,
          'warning',
          context,
          caret,
          `absolute addressing used for ${shown} (${hex(value, 2)}), because ${forward ? 'it is defined after this line' : named ? 'its value depends on a symbol defined after this line' : 'its value is not known until later'}`,
          `${forward ? `define '${name}' above this line or ` : ''}write 'z:${named ? name : 'value'}' to get the shorter zero-page form; write 'a:${named ? name : 'value'}' to keep absolute and silence this`,
          [],
          length,
        );
      }
      // Only the NMOS row has the bug: after .setcpu "65C02" the line uses the 65C02's JMP (abs), which carries.
      if (info.mode === 'indirect' && (value & 0xff) === 0xff && info === INSTRUCTION_SET[info.opcode]) {
        report(asm, 'warning', context, caret, `JMP (${hex(value, 4)}) reads its high byte from ${hex(value & 0xff00, 4)}, not ${hex((value + 1) & 0xffff, 4)}`, 'the 6502 does not carry into the high byte of the pointer: keep the pointer off the last byte of a page', [], length);
      }
      return value;
    }
  }
}

export function isForwardReference(asm: Assembly, leaf: Expression, lineIndex: number, scope: EvaluationScope): boolean {
  let key: string | undefined;
  if (leaf.kind === 'symbol') key = resolveName(asm, leaf.name, scope.scopePath);
  else if (leaf.kind === 'local') key = localKey(scope.cheapScope, leaf.name);
  else if (leaf.kind === 'unnamed') return leaf.distance > 0;
  const record = key !== undefined ? asm.symbols.get(key) : undefined;
  return record !== undefined && record.lineIndex >= lineIndex;
}

export function absoluteOf(mode: InstructionInfo['mode']): InstructionInfo['mode'] {
  if (mode === 'zeroPage') return 'absolute';
  if (mode === 'zeroPageX') return 'absoluteX';
  if (mode === 'zeroPageY') return 'absoluteY';
  return mode;
}

export function invertBranch(mnemonic: string): string {
  return oppositeBranch(mnemonic as Mnemonic) ?? 'BNE';
}
