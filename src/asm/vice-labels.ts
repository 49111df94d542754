/**
 * Reads label files: VICE's (`al C:0600 .name`, which ld65 `-Ln` and `moth asm --symbols` write as
 * `al 000600 .name`) and `name = $0600` assignments (ca65 syntax, handy to write by hand).
 */

import type { Diagnostic } from './diagnostics.js';
import type { SymbolInfo } from './result.js';

export interface LabelEntry {
  readonly name: string;
  readonly value: number;
  /** 1-based line of the file it came from. */
  readonly line: number;
}

export type LabelFileParse = { readonly ok: true; readonly labels: LabelEntry[] } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

const ASSIGNMENT = /^\s*([A-Za-z_@.][\w.@:]*)\s*:?=\s*(\$[0-9A-Fa-f]+|0x[0-9A-Fa-f]+|[0-9]+)\s*(;.*)?$/;
/**
 * `al`, an optional VICE memory space (`C:`), hex digits, then the name with its leading dot. The name is any
 * run of non-blanks: ld65 writes a macro's local labels as `.LOCAL-MACRO_SYMBOL-000D`.
 */
const VICE_LABEL = /^\s*al\s+(?:[A-Za-z]:)?([0-9A-Fa-f]{1,6})\s+\.?(\S+)\s*$/;

/** At most this many bad lines are reported: a file that is no label file at all would list every line. */
const MAX_DIAGNOSTICS = 20;

/** Reads either format; blank lines and `;` comments are skipped; every bad line is reported where it is. */
export function parseLabelFile(text: string, fileName: string): LabelFileParse {
  const labels: LabelEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n|\r/);
  let unreported = 0;
  for (const [index, line] of lines.entries()) {
    if (/^\s*(;.*)?$/.test(line)) continue;
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) {
      labels.push({ name: assignment[1]!, value: parseValue(assignment[2]!), line: index + 1 });
      continue;
    }
    const vice = VICE_LABEL.exec(line);
    if (vice) {
      labels.push({ name: vice[2]!, value: parseInt(vice[1]!, 16) & 0xffff, line: index + 1 });
      continue;
    }
    if (diagnostics.length >= MAX_DIAGNOSTICS) {
      unreported++;
      continue;
    }
    const column = line.search(/\S/) + 1;
    diagnostics.push({
      severity: 'error',
      message: 'not a label line',
      location: { file: fileName, line: index + 1, column },
      length: Math.max(1, line.trim().length),
      sourceLine: line,
      hint: "expected 'al C:0600 .name' (VICE, ld65 -Ln) or 'name = $0600'",
    });
  }
  if (unreported > 0) {
    diagnostics.push({ severity: 'note', message: `${unreported} more line${unreported === 1 ? '' : 's'} like these not shown`, location: undefined, length: 1, sourceLine: undefined });
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, labels };
}

/** Address → name, the first name winning when several share an address (what disassemblers want). */
export function labelsByAddress(labels: readonly { readonly name: string; readonly value: number }[]): Map<number, string> {
  const map = new Map<number, string>();
  for (const label of labels) if (!map.has(label.value)) map.set(label.value, label.name);
  return map;
}

/**
 * The labels as the debugger's symbols, by name. A name listed twice (ld65 lists a local label once per scope)
 * keeps its first value; `file` is where each came from, so `print` can say so.
 */
export function labelSymbols(labels: readonly LabelEntry[], file: string): Map<string, SymbolInfo> {
  const symbols = new Map<string, SymbolInfo>();
  for (const label of labels) {
    if (!symbols.has(label.name)) symbols.set(label.name, { name: label.name, value: label.value, kind: 'label', location: { file, line: label.line, column: 1 } });
  }
  return symbols;
}

function parseValue(text: string): number {
  if (text.startsWith('$')) return parseInt(text.slice(1), 16);
  if (text.toLowerCase().startsWith('0x')) return parseInt(text.slice(2), 16);
  return parseInt(text, 10);
}
