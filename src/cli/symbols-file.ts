/**
 * Symbol files: `moth asm --symbols` writes one `name = $0600` line per label (ca65 assignment syntax, so the
 * file can be `.include`d); `moth disasm --symbols` reads that, and also VICE label files (`al 000600 .name`)
 * as ld65 `-Ln` writes them.
 */

export interface SymbolEntry {
  readonly name: string;
  readonly value: number;
}

/** One `name = $xxxx` line per symbol, sorted by value, then name. */
export function formatSymbolFile(symbols: readonly SymbolEntry[]): string {
  const sorted = [...symbols].sort((left, right) => left.value - right.value || left.name.localeCompare(right.name));
  const width = Math.max(0, ...sorted.map((symbol) => symbol.name.length));
  return sorted
    .map((symbol) => {
      const digits = symbol.value > 0xff ? 4 : 2;
      return `${symbol.name.padEnd(width)} = $${symbol.value.toString(16).toUpperCase().padStart(digits, '0')}\n`;
    })
    .join('');
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
