/** Macros and .repeat: recording a body up to its end directive, then expanding it line by line through the line walk. */

import { groupThousands } from '../shared/thousands.js';
import { lineRecord, newLine, processLine } from './assembler.js';
import { isActive } from './conditionals.js';
import { evaluateRequired, expectEnd } from './evaluation.js';
import { isParseProblem, parseExpression, TokenCursor } from './expressions.js';
import { type Token } from './lexer.js';
import { splitArguments, substitute } from './macros.js';
import { OPCODES_BY_MNEMONIC } from './operands.js';
import { fail, failOnExpression, guard, report } from './reporting.js';
import { type SourceLocation } from './source.js';
import { type Assembly, type LineContext, lineStartToken, type MacroDefinition, MAX_DIAGNOSTICS, MAX_EXPANDED_LINES, MAX_MACRO_DEPTH, MAX_REPEAT, type Recording, StatementAbort } from './state.js';

export function startMacro(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  try {
    defineMacroHeader(asm, context, head, cursor);
  } catch (error) {
    skipBodyAfterError(asm, context, head, 'macro');
    throw error;
  }
}

/** A broken .macro or .repeat line still owns the lines up to its end: skip them instead of assembling them. */
export function skipBodyAfterError(asm: Assembly, context: LineContext, head: Token, kind: Recording['kind']): void {
  const location = { file: context.file, line: context.line, column: head.column + 1 };
  asm.recording = { kind, name: '', parameters: [], body: [], location, context, token: head, nesting: 0, count: 0, discard: true };
}

export function defineMacroHeader(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const name = cursor.next();
  if (!name || name.kind !== 'identifier') fail(asm, context, name ?? head, '.macro needs a name', 'write e.g. .macro add16 target, value');
  if (OPCODES_BY_MNEMONIC.has(name.text.toUpperCase())) fail(asm, context, name, `'${name.text}' is an instruction and cannot be a macro name`);
  const parameters: string[] = [];
  while (!cursor.atEnd()) {
    const parameter = cursor.next()!;
    if (parameter.kind !== 'identifier') fail(asm, context, parameter, `expected a parameter name, found '${parameter.text}'`);
    parameters.push(parameter.text);
    if (cursor.atEnd()) break;
    const comma = cursor.next()!;
    if (comma.kind !== 'operator' || comma.text !== ',') fail(asm, context, comma, "expected ',' between parameter names");
  }
  const location = { file: context.file, line: context.line, column: name.column + 1 };
  const existing = asm.macros.get(name.text);
  if (existing) fail(asm, context, name, `macro '${name.text}' is already defined`, undefined, [{ message: 'first defined here', location: existing.location }]);
  asm.recording = { kind: 'macro', name: name.text, parameters, body: [], location, context, token: head, nesting: 0, count: 0, discard: false };
}

export function startRepeat(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  try {
    repeatHeader(asm, context, head, cursor);
  } catch (error) {
    skipBodyAfterError(asm, context, head, 'repeat');
    throw error;
  }
}

export function repeatHeader(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const result = parseExpression(cursor);
  if (isParseProblem(result)) fail(asm, context, result.token, result.message);
  const count = evaluateRequired(asm, result, context, 'the count of .repeat');
  if (count < 0 || count > MAX_REPEAT) failOnExpression(asm, context, result, `.repeat count ${count} is outside 0–${MAX_REPEAT}`);
  const parameters: string[] = [];
  if (!cursor.atEnd()) {
    const comma = cursor.next()!;
    const counter = cursor.next();
    if (comma.kind !== 'operator' || comma.text !== ',' || !counter || counter.kind !== 'identifier') fail(asm, context, counter ?? comma, 'expected a counter name after the comma');
    parameters.push(counter.text);
    expectEnd(asm, context, cursor);
  }
  const location = { file: context.file, line: context.line, column: head.column + 1 };
  asm.recording = { kind: 'repeat', name: '.repeat', parameters, body: [], location, context, token: head, nesting: 0, count, discard: false };
}

/** Collects body lines until the matching end directive. */
export function recordBodyLine(asm: Assembly, context: LineContext, tokens: readonly Token[]): void {
  const recording = asm.recording!;
  const first = tokens[0];
  const word = first && first.kind === 'directive' ? first.text.toLowerCase() : '';
  const opens = recording.kind === 'macro' ? word === '.macro' || word === '.mac' : word === '.repeat' || word === '.rept';
  const closes = recording.kind === 'macro' ? word === '.endmacro' || word === '.endmac' : word === '.endrepeat' || word === '.endrep';
  if (opens) recording.nesting++;
  if (closes) {
    if (recording.nesting === 0) {
      asm.recording = undefined;
      newLine(asm, context);
      if (recording.discard) return;
      if (recording.kind === 'macro') {
        asm.macros.set(recording.name, { name: recording.name, parameters: recording.parameters, body: recording.body, location: recording.location });
      } else {
        guard(asm, () => runRepeat(asm, recording));
      }
      return;
    }
    recording.nesting--;
  }
  recording.body.push({ context, tokens });
}

export function runRepeat(asm: Assembly, recording: Recording): void {
  const counter = recording.parameters[0];
  for (let iteration = 0; iteration < recording.count; iteration++) {
    const substitutions = new Map<string, readonly Token[]>();
    if (counter !== undefined) substitutions.set(counter, [{ kind: 'number', text: String(iteration), value: iteration, column: 0, length: 1 }]);
    expandBody(asm, recording.body, substitutions, recording.context, undefined);
    if (asm.errorCount > MAX_DIAGNOSTICS || asm.expansionLimitReported) return;
  }
}

export function expandMacro(asm: Assembly, context: LineContext, head: Token, macro: MacroDefinition, argumentTokens: readonly Token[]): void {
  // After a runaway was reported, the macro expands to nothing: a macro calling itself twice would
  // otherwise go on for 2^64 calls, reporting at every leaf.
  if (asm.deepMacros.has(macro.name)) throw new StatementAbort();
  if (asm.macroDepth >= MAX_MACRO_DEPTH) {
    asm.deepMacros.add(macro.name);
    fail(asm, context, head, `macro '${macro.name}' expands ${MAX_MACRO_DEPTH} levels deep`, 'a macro that calls itself needs an .if that stops it');
  }
  const argumentsList = splitArguments(argumentTokens);
  if (argumentsList.length > macro.parameters.length) {
    const extra = argumentsList[macro.parameters.length]![0] ?? head;
    fail(asm, context, extra, `macro '${macro.name}' takes ${macro.parameters.length} argument${macro.parameters.length === 1 ? '' : 's'}, got ${argumentsList.length}`, undefined, [
      { message: `'${macro.name}' is defined here`, location: macro.location },
    ]);
  }
  const substitutions = new Map<string, readonly Token[]>();
  macro.parameters.forEach((parameter, index) => substitutions.set(parameter, argumentsList[index] ?? []));
  asm.currentLine.column = head.column + 1;
  const callSite = context.macroCall ?? { file: context.file, line: context.line, column: head.column + 1 };
  expandBody(asm, macro.body, substitutions, context, { callSite, name: macro.name, parameterCount: argumentsList.length });
}

export function expandBody(
  asm: Assembly,
  body: MacroDefinition['body'],
  substitutions: Map<string, readonly Token[]>,
  caller: LineContext,
  macro: { callSite: SourceLocation; name: string; parameterCount: number } | undefined,
): void {
  asm.macroDepth++;
  const expansion = ++asm.expansionCounter;
  const locals = new Map<string, string>();
  const savedExit = asm.exitMacroRequested;
  const conditionalDepth = asm.conditionals.length;
  asm.exitMacroRequested = false;
  try {
    // Each expansion counts as a line too, so repeating an empty body millions of times also stops.
    if (!countExpandedLine(asm, caller)) return;
    for (const bodyLine of body) {
      if (!countExpandedLine(asm, caller)) break;
      const first = bodyLine.tokens[0];
      if (macro && first && first.kind === 'directive' && first.text.toLowerCase() === '.local' && isActive(asm)) {
        for (const token of bodyLine.tokens.slice(1)) {
          if (token.kind === 'identifier') locals.set(token.text, `${token.text}.${expansion}`);
        }
        continue;
      }
      const tokens = substitute(bodyLine.tokens, substitutions, locals, macro?.parameterCount);
      const source = bodyLine.context;
      const context = lineRecord(asm, 
        source.file,
        source.line,
        source.text,
        caller.depth,
        macro ? macro.callSite : caller.macroCall,
        macro ? macro.name : caller.macroName,
      );
      processLine(asm, context, tokens);
      if (asm.ended) break;
      if (asm.exitMacroRequested) {
        // .exitmacro may sit inside an .if of the body: those .ifs end with the expansion.
        asm.conditionals.length = Math.max(conditionalDepth, Math.min(asm.conditionals.length, conditionalDepth));
        break;
      }
    }
  } finally {
    asm.macroDepth--;
    asm.exitMacroRequested = savedExit;
  }
}

/** Counts one line of expansion; false (after one error) once the total passes MAX_EXPANDED_LINES. */
export function countExpandedLine(asm: Assembly, caller: LineContext): boolean {
  if (++asm.expandedLines <= MAX_EXPANDED_LINES) return true;
  if (!asm.expansionLimitReported) {
    asm.expansionLimitReported = true;
    report(asm, 
      'error',
      caller,
      lineStartToken(),
      `macro and .repeat expansions produced more than ${groupThousands(MAX_EXPANDED_LINES)} lines`,
      'look for a .repeat with a huge count or macros that multiply each other',
      [],
      1,
    );
  }
  return false;
}
