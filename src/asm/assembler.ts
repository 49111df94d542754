/**
 * The assembler pipeline: one layout pass walks the source (includes, macros, conditionals) deciding every
 * size and address, then one emit pass evaluates every operand with all symbols known and writes the bytes.
 * Sizes are decided once, by the zero-page rule in operands.ts, so addresses never oscillate.
 *
 * Reading order: `run` (the pipeline) → `processLine`/`statement` (one line: labels, then an instruction,
 * directive, macro call or assignment) → `instruction` here and the directive table in directives.ts (what
 * each claims on the layout pass) → `placeSections` (segments.ts, laid out as ld65 does) → `emit` (emit.ts:
 * bytes, range checks, warnings) → `buildResult` (result.ts). The shared state is one `Assembly` object
 * (state.ts). Errors abort only their statement (StatementAbort), so every line gets its say.
 */

import { conditional, isActive } from './conditionals.js';
import { substituteDefines } from './define-expansion.js';
import { dataDirective } from './data.js';
import { assignment, defineLabel, defineLocalLabel, defineUnnamedLabel } from './definitions.js';
import { closestMatch } from './diagnostics.js';
import { directiveEntry, runDirective } from './directives.js';
import { setFeature } from './features.js';
import { isLongBranch, longBranch } from './macro-packages.js';
import { absoluteOf, emit } from './emit.js';
import { currentScope, evaluateNow, learned, settlePendingConstants, sizeNow } from './evaluation.js';
import { TokenCursor } from './expressions.js';
import { describeErrorToken, type Token, tokenizeLine } from './lexer.js';
import { expandMacro, recordBodyLine } from './macro-expansion.js';
import { acceptedOpcodes, chooseMode, CMOS_OPCODES, DOCUMENTED_MNEMONICS, OPCODES_BY_MNEMONIC, parseOperand } from './operands.js';
import { fail, guard, report } from './reporting.js';
import { expandTokenFunctions, hasTokenFunction } from './token-functions.js';
import { buildResult, internalFailure, type AssemblyResult } from './result.js';
import { claim, org, placeSections } from './segments.js';
import { type SourceLocation, splitLines } from './source.js';
import { Assembly, type AssembleOptions, type LineContext, type LineRecord } from './state.js';
import { switchSegment } from './segments.js';
import { enumMember, structMember } from './structs.js';


export type { AssembleOptions, ResolveFile } from './state.js';
export type { AssemblyImage, AssemblyResult, DebugMapEntry, SegmentInfo, SymbolInfo } from './result.js';

/** Assembles one source text; never throws, every problem becomes a Diagnostic. */
export function assembleSource(source: string, options: AssembleOptions = {}): AssemblyResult {
  const asm = new Assembly(options);
  try {
    switchSegment(asm, 'CODE', undefined);
    return run(asm, source, options.predefined, options.features);
  } catch (error) {
    // A bug in the assembler must still not crash the caller: report it as a diagnostic value.
    const message = error instanceof Error ? error.message : String(error);
    return internalFailure(asm, message);
  }
}

export function run(asm: Assembly, source: string, predefined?: ReadonlyMap<string, number>, features?: readonly string[]): AssemblyResult {
  layOut(asm, source, predefined, features);
  const memory = new Uint8Array(0x10000);
  const owner = new Int32Array(0x10000);
  const output = { bytes: memory, owner, fill: 0 };
  for (const segment of asm.segments.values()) {
    for (const section of segment.sections) {
      // placeSections gave every section of a single file its image address (see Section.loadStart).
      section.output = output;
      section.outputDelta = (section.loadStart ?? section.shift + section.startPc) - section.startPc;
    }
  }
  emit(asm);
  settlePendingConstants(asm);
  return buildResult(asm, memory, owner);
}

/** The layout pass over the main file: every size and (outside a module) every address decided. */
export function layOut(asm: Assembly, source: string, predefined: ReadonlyMap<string, number> = new Map(), features: readonly string[] = []): void {
  for (const feature of features) setFeature(asm, feature, true);
  for (const [name, value] of predefined) {
    const location = { file: '<command line>', line: 1, column: 1 };
    asm.symbols.set(name, { name, kind: 'constant', value, at: undefined, pending: undefined, resolving: false, failed: false, settable: false, location, lineIndex: -1 });
  }
  asm.sources.set(asm.fileName, source);
  asm.includeStack.push(asm.fileName);
  processFile(asm, asm.fileName, source, 1);
  asm.includeStack.pop();
  finishLayout(asm);
}

export function processFile(asm: Assembly, file: string, text: string, depth: number): void {
  const lines = splitLines(text);
  for (let index = 0; index < lines.length && !asm.ended; index++) {
    const lineText = lines[index]!;
    const context = lineRecord(asm, file, index + 1, lineText, depth, undefined, undefined);
    processLine(asm, context, tokenizeLine(lineText));
  }
}

export function processLine(asm: Assembly, context: LineContext, rawTokens: readonly Token[]): void {
  if (asm.ended) return;
  let tokens = rawTokens;
  if (asm.defines.size > 0) {
    const substituted = guardTokens(asm, context, rawTokens, () => substituteDefines(asm, context, rawTokens));
    if (substituted === undefined) return;
    tokens = substituted;
  }
  const last = tokens[tokens.length - 1];
  asm.statementEnd = last ? last.column + last.length : 0;
  if (asm.recording) {
    recordBodyLine(asm, context, tokens);
    return;
  }
  // Token functions (.concat, .left, .match ...) are applied where the line is read, as ca65's scanner does; a
  // macro body keeps them until each expansion, and a skipped .if branch never applies them.
  if (hasTokenFunction(tokens) && !isDefineLine(tokens)) {
    const first = tokens[0];
    const conditionalLine = first !== undefined && first.kind === 'directive' && directiveEntry(first.text.toLowerCase())?.evenWhenInactive === true;
    if (isActive(asm) || conditionalLine) {
      const expanded = guardTokens(asm, context, tokens, () => expandTokenFunctions(asm, context, tokens), !isActive(asm));
      if (expanded === undefined) return;
      tokens = expanded;
    }
  }
  const first = tokens[0];
  const firstWord = first && first.kind === 'directive' ? first.text.toLowerCase() : '';
  if (firstWord !== '' && directiveEntry(firstWord)?.evenWhenInactive) {
    newLineIfNeeded(asm, context);
    guard(asm, () => conditional(asm, context, first!, new TokenCursor(tokens.slice(1)), firstWord));
    return;
  }
  if (!isActive(asm)) return;
  newLineIfNeeded(asm, context);
  guard(asm, () => statement(asm, context, tokens));
}

export function lineRecord(asm: Assembly, file: string, line: number, text: string, depth: number, macroCall: SourceLocation | undefined, macroName: string | undefined): LineRecord {
  return { file, line, text, depth, macroCall, macroName, section: asm.section, address: 0, length: 0, column: 1, emits: false, reserved: false };
}

/** Adds the line to the listing; `context` is always a LineRecord made by lineRecord. */
export function newLine(asm: Assembly, context: LineContext): void {
  const record = context as LineRecord;
  record.section = asm.section;
  record.address = asm.section.pc;
  asm.lines.push(record);
  asm.currentLineIndex = asm.lines.length - 1;
  if (asm.labelLineOpen) {
    asm.labelLineOpen = false;
    learned(); // the labels of the line before are done: their sizes are known now
  }
}

function isDefineLine(tokens: readonly Token[]): boolean {
  const first = tokens[0];
  return first !== undefined && first.kind === 'directive' && first.text.toLowerCase() === '.define';
}

/**
 * Runs a step that rewrites a line's tokens; its error is reported like a statement's (undefined is returned
 * then, and the line is done). Inside a skipped branch the error is dropped and `tokens` stay as they were.
 */
function guardTokens(asm: Assembly, context: LineContext, tokens: readonly Token[], step: () => readonly Token[], quiet = false): readonly Token[] | undefined {
  const [before, errors] = [asm.diagnostics.length, asm.errorCount];
  let result: readonly Token[] | undefined;
  if (!asm.recording && !quiet) newLineIfNeeded(asm, context);
  guard(asm, () => {
    result = step();
  });
  if (result === undefined && quiet) {
    asm.diagnostics.length = before;
    asm.diagnosticLines.length = before;
    asm.errorCount = errors;
    return tokens;
  }
  return result;
}

/** A failing token step must report against this line, so the line is recorded first (once). */
function newLineIfNeeded(asm: Assembly, context: LineContext): void {
  if (asm.lines[asm.currentLineIndex] !== context) newLine(asm, context);
}

export function statement(asm: Assembly, context: LineContext, tokens: readonly Token[]): void {
  if (asm.structure) {
    structMember(asm, context, tokens);
    return;
  }
  if (asm.enumeration) {
    enumMember(asm, context, tokens);
    return;
  }
  let index = 0;
  // Labels: `name:`, `@local:`, and `:` (unnamed), possibly several.
  for (;;) {
    const token = tokens[index];
    if (!token) break;
    const next = tokens[index + 1];
    const colonFollows = next !== undefined && next.kind === 'operator' && next.text === ':';
    if (token.kind === 'identifier' && colonFollows) {
      defineLabel(asm, context, token);
      index += 2;
      continue;
    }
    if (token.kind === 'local' && colonFollows) {
      defineLocalLabel(asm, context, token);
      index += 2;
      continue;
    }
    if (token.kind === 'operator' && token.text === ':') {
      defineUnnamedLabel(asm, context, token);
      index += 1;
      continue;
    }
    if (index === 0 && token.column === 0 && asm.features.has('labels_without_colons') && isLabelWithoutColon(asm, token, next)) {
      if (token.kind === 'local') defineLocalLabel(asm, context, token);
      else defineLabel(asm, context, token);
      index += 1;
      continue;
    }
    break;
  }
  const head = tokens[index];
  const line = asm.currentLine;
  line.section = asm.section;
  line.address = asm.section.pc;
  if (!head) return;
  line.column = head.column + 1;
  const second = tokens[index + 1];
  const cursor = new TokenCursor(tokens);
  cursor.index = index + 1;

  if ((head.kind === 'identifier' || head.kind === 'local') && second && second.kind === 'operator' && (second.text === '=' || second.text === ':=')) {
    cursor.index = index + 2;
    assignment(asm, context, head, cursor, false);
    return;
  }
  if (head.kind === 'identifier' && second && second.kind === 'directive' && second.text.toLowerCase() === '.set') {
    cursor.index = index + 2;
    assignment(asm, context, head, cursor, true);
    return;
  }
  if (head.kind === 'operator' && head.text === '*' && second && second.kind === 'operator' && second.text === '=') {
    cursor.index = index + 2;
    // easy6502's `*=` places the bytes; under ca65's pc_assignment (and in a linked module) it is ca65's .org.
    org(asm, context, head, cursor, !asm.module && !asm.features.has('pc_assignment'));
    return;
  }
  if (head.kind === 'directive') {
    runDirective(asm, context, head, cursor);
    return;
  }
  if (head.kind === 'identifier') {
    const macro = asm.macros.get(head.text);
    if (macro) {
      expandMacro(asm, context, head, macro, tokens.slice(index + 1));
      return;
    }
    const upper = head.text.toUpperCase();
    if (acceptedOpcodes(asm).has(upper) || OPCODES_BY_MNEMONIC.has(upper)) {
      instruction(asm, context, head, upper, cursor);
      return;
    }
    if (asm.macroPackages.size > 0 && isLongBranch(asm, head.text)) {
      longBranch(asm, context, head, cursor);
      return;
    }
    const lower = head.text.toLowerCase();
    if (lower === 'define') {
      const name = tokens[index + 1];
      if (!name || name.kind !== 'identifier') fail(asm, context, name ?? head, "expected a name after 'define'", "write e.g. 'define sysRandom $fe'");
      cursor.index = index + 2;
      assignment(asm, context, name, cursor, false);
      return;
    }
    if (lower === 'dcb') {
      dataDirective(asm, context, head, cursor, 1);
      return;
    }
    unknownWord(asm, context, head, tokens, index);
  }
  if (head.kind === 'local') {
    fail(asm, context, head, `'${head.text}' is not an instruction`, `to define the local label, add a colon: '${head.text}:'`);
  }
  if (head.kind === 'error') fail(asm, context, head, describeErrorToken(head));
  fail(asm, context, head, `expected an instruction, directive or label, found '${head.text}'`);
}

export function unknownWord(asm: Assembly, context: LineContext, head: Token, tokens: readonly Token[], index: number): never {
  const candidates = [...(asm.cmos || asm.undocumentedAllowed ? acceptedOpcodes(asm).keys() : DOCUMENTED_MNEMONICS), ...asm.macros.keys()];
  const upper = head.text.toUpperCase();
  if (!asm.cmos && CMOS_OPCODES.has(upper)) {
    fail(asm, context, head, `${upper} is a 65C02 instruction`, `add '.setcpu "65C02"' (or .pc02) before it, or assemble with --cpu 65c02 (as in ca65)`);
  }
  if (OPCODES_BY_MNEMONIC.has(upper) && !DOCUMENTED_MNEMONICS.has(upper)) {
    fail(asm, context, head, `${upper} is an undocumented opcode`, `add '.setcpu "6502X"' before it to allow undocumented opcodes (as in ca65)`);
  }
  const next = tokens[index + 1];
  if (next && next.kind === 'identifier' && (OPCODES_BY_MNEMONIC.has(next.text.toUpperCase()) || asm.macros.has(next.text))) {
    fail(asm, context, head, `unknown instruction '${head.text}'`, `if '${head.text}' is a label, it needs a colon: '${head.text}:'`);
  }
  const suggestion = closestMatch(head.text, candidates);
  const alone = tokens.length === index + 1;
  if (suggestion) {
    const shown = asm.macros.has(suggestion) ? suggestion : suggestion.toUpperCase();
    const label = alone ? ` (or, if '${head.text}' is meant as a label, add a colon: '${head.text}:')` : '';
    fail(asm, context, head, `unknown instruction '${head.text}'`, `did you mean '${shown}'?${label}`);
  }
  if (alone) {
    fail(asm, context, head, `unknown instruction '${head.text}'`, `if '${head.text}' is meant as a label, add a colon: '${head.text}:'`);
  }
  fail(asm, context, head, `unknown instruction '${head.text}'`);
}

export function instruction(asm: Assembly, context: LineContext, head: Token, mnemonic: string, cursor: TokenCursor): void {
  if (asm.cmos && !CMOS_OPCODES.has(mnemonic)) {
    fail(asm, context, head, `${mnemonic} is an undocumented NMOS opcode, which the 65C02 does not have`, `the 65C02 runs it as a NOP; leave '.setcpu "65C02"' for '.setcpu "6502X"' to use it`);
  }
  if (!asm.cmos && !DOCUMENTED_MNEMONICS.has(mnemonic) && !asm.undocumentedAllowed) {
    fail(asm, context, head, `${mnemonic} is an undocumented opcode`, `add '.setcpu "6502X"' before it to allow undocumented opcodes (as in ca65)`);
  }
  const operandStart = cursor.peek();
  const operand = parseOperand(cursor);
  if ('message' in operand) fail(asm, context, operand.token, operand.message, operand.hint);
  const scope = currentScope(asm);
  const valueNow = operand.expression ? evaluateNow(asm, operand.expression, scope, context) : undefined;
  const sized = operand.syntax === 'direct' || operand.syntax === 'directX' || operand.syntax === 'directY';
  const size = sized && operand.expression ? sizeNow(asm, operand.expression, scope, context) : 'unknown';
  const choice = chooseMode(mnemonic, operand, size, acceptedOpcodes(asm));
  if ('message' in choice) fail(asm, context, operandStart ?? head, choice.message, choice.hint, [], operandStart ? asm.statementEnd - operandStart.column : head.length);
  const address = claim(asm, context, head, choice.info.length, true);
  asm.fragments.push({
    kind: 'instruction',
    section: asm.section,
    address,
    lineIndex: asm.currentLineIndex,
    info: choice.info,
    expression: operand.expression,
    target: operand.target,
    scope,
    absoluteBecauseUnknown: choice.absoluteBecauseUnknown,
    known: valueNow,
    zeroPageOnly: operand.force !== 'zeroPage' && !acceptedOpcodes(asm).get(mnemonic)!.has(absoluteOf(choice.info.mode)),
  });
}

export function finishLayout(asm: Assembly): void {
  if (!asm.module) placeSections(asm);
  if (asm.recording) {
    const recording = asm.recording;
    asm.recording = undefined;
    report(asm, 'error', recording.context, recording.token, `'${recording.token.text}' is never closed`, `add '${recording.kind === 'macro' ? '.endmacro' : '.endrepeat'}' after the body`);
  }
  if (asm.structure) {
    report(asm, 'error', asm.structure.context, asm.structure.token, "'.struct' is never closed", "add '.endstruct' after the members");
    asm.structure = undefined;
  }
  if (asm.enumeration) {
    report(asm, 'error', asm.enumeration.context, asm.enumeration.token, "'.enum' is never closed", "add '.endenum' after the members");
    if (asm.enumeration.named) asm.scopePath = asm.openScopes.pop()!.outerPath;
    asm.enumeration = undefined;
  }
  for (const open of asm.openScopes) {
    report(asm, 'error', open.context, open.token, `'${open.token.text}' is never closed`, `add '${open.token.text.toLowerCase() === '.proc' ? '.endproc' : '.endscope'}' at its end`);
  }
  for (const open of asm.conditionals) {
    report(asm, 'error', open.context, open.token, `'${open.token.text}' is never closed`, "add '.endif' after the conditional lines");
  }
}

/**
 * With `.feature labels_without_colons`, a name in the first column is a label unless it is an instruction, a
 * macro, or a name being assigned (`name = 1`, `name .set 1`), as ca65 reads it.
 */
function isLabelWithoutColon(asm: Assembly, token: Token, next: Token | undefined): boolean {
  if (token.kind === 'local') return !(next?.kind === 'operator' && (next.text === '=' || next.text === ':='));
  if (token.kind !== 'identifier') return false;
  if (OPCODES_BY_MNEMONIC.has(token.text.toUpperCase()) || asm.macros.has(token.text)) return false;
  if (next?.kind === 'operator' && (next.text === '=' || next.text === ':=')) return false;
  if (next?.kind === 'directive' && next.text.toLowerCase() === '.set') return false;
  return true;
}
