/** Diagnostics glue: reporting an error or warning against a line, and abandoning the statement after an error. */

import { hex } from '../shared/hex.js';
import { visibleText } from '../shared/visible-text.js';
import { type Diagnostic, type DiagnosticNote, type Severity } from './diagnostics.js';
import { type Expression, expressionSpan } from './expressions.js';
import { type Token } from './lexer.js';
import { type Assembly, type LineContext, MAX_DIAGNOSTICS, StatementAbort } from './state.js';

export function report(
  asm: Assembly,
  severity: Severity,
  context: LineContext,
  token: Token | undefined,
  message: string,
  hint?: string,
  notes: DiagnosticNote[] = [],
  length?: number,
): void {
  if (severity === 'error') asm.errorCount++;
  if (asm.diagnostics.length >= MAX_DIAGNOSTICS) return;
  const column = token ? token.column + 1 : asm.statementEnd + 1;
  // Messages quote what the source says: a control or invisible character in it is shown escaped, never raw.
  const allNotes = notes.map((note) => ({ ...note, message: visibleText(note.message) }));
  if (context.macroCall && context.macroName !== undefined) {
    allNotes.push({ message: `in an expansion of macro '${context.macroName}' called here`, location: context.macroCall });
  }
  const diagnostic: Diagnostic = {
    severity,
    message: visibleText(message),
    location: { file: context.file, line: context.line, column },
    length: Math.max(1, length ?? token?.length ?? 1),
    sourceLine: context.text,
    ...(hint !== undefined ? { hint: visibleText(hint) } : {}),
    ...(allNotes.length > 0 ? { notes: allNotes } : {}),
  };
  asm.diagnostics.push(diagnostic);
  asm.diagnosticLines.push(asm.currentLineIndex);
}

/** Reports an error and abandons the rest of the statement (the resync point is the line end). */
export function fail(asm: Assembly, context: LineContext, token: Token | undefined, message: string, hint?: string, notes?: DiagnosticNote[], length?: number): never {
  report(asm, 'error', context, token, message, hint, notes, length);
  throw new StatementAbort();
}

export function failOnExpression(asm: Assembly, context: LineContext, expression: Expression, message: string, hint?: string): never {
  const span = expressionSpan(expression);
  report(asm, 'error', context, expression.token, message, hint, [], span.end - expression.token.column);
  throw new StatementAbort();
}

/** Runs one statement's work; a StatementAbort (an error already reported) ends just that statement. */
export function guard(asm: Assembly, work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof StatementAbort)) throw error;
  }
}

/** `$1234` for addresses-like values, plain decimal for negatives. */
export function formatValue(value: number): string {
  return value < 0 ? String(value) : hex(value, value > 0xff ? 4 : 2);
}

export function byteHint(value: number, prefix = ''): string {
  if (value < 0) return `negative numbers are not bytes here (as in ca65): write ${prefix}<(${value}) to use its low byte ${hex(value & 0xff, 2)}`;
  return `use ${prefix}<value for the low byte or ${prefix}>value for the high byte`;
}
