/**
 * Symbol files for `moth disasm --symbols`: VICE label files (`al 000600 .name`), which `moth asm --symbols`
 * and ld65 `-Ln` write, or `name = $0600` assignments (ca65 syntax, handy to write by hand).
 */

export interface SymbolEntry {
  readonly name: string;
  readonly value: number;
}

export type SymbolFileParse =
  | { readonly ok: true; readonly symbols: SymbolEntry[] }
  | { readonly ok: false; readonly line: number; readonly text: string };

const ASSIGNMENT = /^\s*([A-Za-z_@.][\w.@]*)\s*:?=\s*(\$[0-9A-Fa-f]+|0x[0-9A-Fa-f]+|[0-9]+)\s*(;.*)?$/;
const VICE_LABEL = /^\s*al\s+([0-9A-Fa-f]+)\s+\.?([\w.@]+)\s*$/;

/** Reads either format; blank lines and `;` comments are skipped; the first bad line is reported. */
export function parseSymbolFile(text: string): SymbolFileParse {
  const symbols: SymbolEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^\s*(;.*)?$/.test(line)) continue;
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) {
      symbols.push({ name: assignment[1]!, value: parseValue(assignment[2]!) });
      continue;
    }
    const vice = VICE_LABEL.exec(line);
    if (vice) {
      symbols.push({ name: vice[2]!, value: parseInt(vice[1]!, 16) & 0xffff });
      continue;
    }
    return { ok: false, line: index + 1, text: line };
  }
  return { ok: true, symbols };
}

/** Address → name, the first name winning when several share an address (what disassemblers want). */
export function symbolsByAddress(symbols: readonly SymbolEntry[]): Map<number, string> {
  const map = new Map<number, string>();
  for (const symbol of symbols) if (!map.has(symbol.value)) map.set(symbol.value, symbol.name);
  return map;
}

function parseValue(text: string): number {
  if (text.startsWith('$')) return parseInt(text.slice(1), 16);
  if (text.toLowerCase().startsWith('0x')) return parseInt(text.slice(2), 16);
  return parseInt(text, 10);
}
