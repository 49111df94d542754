/** Diagnostics as values: what went wrong, where, the source line to show, and a hint that teaches the fix. */

import { visibleSourceLine } from '../shared/visible-text.js';
import { formatLocation, type SourceLocation } from './source.js';

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  /** Where the culprit starts; undefined only for problems with no place (none today). */
  readonly location: SourceLocation | undefined;
  /** How many columns the caret underline covers (at least 1). */
  readonly length: number;
  /** The text of the line the location points into, so a diagnostic can be shown without the sources. */
  readonly sourceLine: string | undefined;
  /** One sentence on how to fix it, e.g. "did you mean 'LDA'?". */
  readonly hint?: string;
  /** Further context, e.g. where a symbol was first defined or which macro call expanded this line. */
  readonly notes?: readonly DiagnosticNote[];
}

export interface DiagnosticNote {
  readonly message: string;
  readonly location?: SourceLocation;
}

/**
 * Plain text in the compiler convention:
 * `file:line:col: error: message`, the source line, a caret line under the culprit, then hint and notes.
 */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const head = diagnostic.location ? `${formatLocation(diagnostic.location)}: ` : '';
  const lines = [`${head}${diagnostic.severity}: ${diagnostic.message}`];
  if (diagnostic.sourceLine !== undefined && diagnostic.location) {
    const shown = visibleSourceLine(diagnostic.sourceLine, diagnostic.location.column, diagnostic.length);
    lines.push(`    ${shown.text}`);
    lines.push(`    ${shown.caret}`);
  }
  if (diagnostic.hint) lines.push(`    hint: ${diagnostic.hint}`);
  for (const note of diagnostic.notes ?? []) {
    lines.push(note.location ? `    note: ${formatLocation(note.location)}: ${note.message}` : `    note: ${note.message}`);
  }
  return lines.join('\n');
}


/** Damerau–Levenshtein distance (optimal string alignment), so a swapped pair like `lad`/`lda` costs 1. */
export function editDistance(first: string, second: string, limit = Infinity): number {
  const columns = second.length + 1;
  const size = (first.length + 1) * columns;
  if (table.length < size) table = new Int32Array(size * 2);
  for (let row = 0; row <= first.length; row++) table[row * columns] = row;
  for (let column = 0; column < columns; column++) table[column] = column;
  for (let row = 1; row <= first.length; row++) {
    let rowMinimum = Infinity;
    for (let column = 1; column < columns; column++) {
      const cost = first[row - 1] === second[column - 1] ? 0 : 1;
      let best = Math.min(table[(row - 1) * columns + column]! + 1, table[row * columns + column - 1]! + 1, table[(row - 1) * columns + column - 1]! + cost);
      if (row > 1 && column > 1 && first[row - 1] === second[column - 2] && first[row - 2] === second[column - 1]) {
        best = Math.min(best, table[(row - 2) * columns + column - 2]! + 1);
      }
      table[row * columns + column] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    // Every later row only grows from this one's minimum (give or take the swap), so stop early.
    if (rowMinimum > limit + 1) return rowMinimum;
  }
  return table[first.length * columns + second.length]!;
}

/** One scratch table for every distance: suggestions compare a word with hundreds of names. */
let table = new Int32Array(256);

/** The closest candidate within a small distance (case-insensitive), or undefined when nothing is close. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const wanted = word.toLowerCase();
  const limit = wanted.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - wanted.length) > limit) continue;
    const distance = editDistance(wanted, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
