/**
 * Assembler diagnostics for the terminal: `file:line:col: error: message`, the source line, a caret under
 * the culprit, then hint and notes; coloured when the terminal wants colour. Without colour the text is the
 * same as the assembler's own formatDiagnostic, so logs and tests see one format.
 */
import { Chalk } from 'chalk';
import { visibleSourceLine } from '../shared/visible-text.js';

/** A diagnostic as the assembler reports it (src/asm/diagnostics.ts), as far as printing goes. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'note';
  readonly message: string;
  readonly location: DiagnosticLocation | undefined;
  /** Columns the caret underline covers (at least 1). */
  readonly length: number;
  readonly sourceLine: string | undefined;
  readonly hint?: string;
  readonly notes?: readonly { readonly message: string; readonly location?: DiagnosticLocation }[];
}

export interface DiagnosticLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One diagnostic as text ending in a newline. */
export function formatDiagnosticForTerminal(diagnostic: Diagnostic, colour: boolean): string {
  const paint = new Chalk({ level: colour ? 1 : 0 });
  const severityColour =
    diagnostic.severity === 'error' ? paint.red.bold : diagnostic.severity === 'warning' ? paint.yellow.bold : paint.cyan.bold;
  const head = diagnostic.location ? paint.bold(`${where(diagnostic.location)}: `) : '';
  const lines = [`${head}${severityColour(`${diagnostic.severity}:`)} ${paint.bold(diagnostic.message)}`];
  if (diagnostic.sourceLine !== undefined && diagnostic.location) {
    const shown = visibleSourceLine(diagnostic.sourceLine, diagnostic.location.column, diagnostic.length);
    lines.push(`    ${shown.text}`);
    lines.push(`    ${paint.green.bold(shown.caret)}`);
  }
  if (diagnostic.hint) lines.push(`    ${paint.cyan('hint:')} ${diagnostic.hint}`);
  for (const note of diagnostic.notes ?? []) {
    const at = note.location ? `${where(note.location)}: ` : '';
    lines.push(`    ${paint.cyan('note:')} ${at}${note.message}`);
  }
  return lines.join('\n') + '\n';
}

/** All diagnostics, then a count line (`2 errors, 1 warning`) when there were errors. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], colour: boolean): string {
  let text = diagnostics.map((diagnostic) => formatDiagnosticForTerminal(diagnostic, colour)).join('');
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  if (errors > 0) {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`];
    if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
    text += parts.join(', ') + '\n';
  }
  return text;
}

function where(location: DiagnosticLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
