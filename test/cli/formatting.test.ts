// The CLI's pure helpers: diagnostics for the terminal and symbol files.
import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../../src/asm/index.js';
import { formatDiagnosticForTerminal, formatDiagnostics } from '../../src/cli/format-diagnostic.js';
import { parseSymbolFile, symbolsByAddress } from '../../src/cli/symbols-file.js';

const ANSI = /\u001b\[[0-9;]*m/g;

describe('diagnostics for the terminal', () => {
  const { diagnostics } = assemble('start:  LDA #1\n        LAD #2\n', { fileName: 'typo.s' });
  const first = diagnostics[0]!;

  it('without colour, is exactly the assembler’s own format', () => {
    expect(formatDiagnosticForTerminal(first, false)).toBe(formatDiagnostic(first) + '\n');
  });

  it('with colour, is the same text once the colour codes are removed', () => {
    const coloured = formatDiagnosticForTerminal(first, true);
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(formatDiagnostic(first) + '\n');
  });

  it('ends a list with the number of errors', () => {
    expect(formatDiagnostics(diagnostics, false)).toMatch(/\n1 error\n$/);
  });
});

describe('symbol files', () => {
  it('reads VICE label lines and name = value lines, skipping blanks and comments', () => {
    const parsed = parseSymbolFile('al 000600 .start\n\n; a comment\nloop = $0612\nCOUNT = 16\nptr := 0x00FB\n');
    expect(parsed).toEqual({
      ok: true,
      symbols: [
        { name: 'start', value: 0x0600 },
        { name: 'loop', value: 0x0612 },
        { name: 'COUNT', value: 16 },
        { name: 'ptr', value: 0xfb },
      ],
    });
  });

  it('reports the first line it cannot read', () => {
    expect(parseSymbolFile('start = $0600\nthis is not a symbol\n')).toEqual({ ok: false, line: 2, text: 'this is not a symbol' });
  });

  it('keeps the first name for an address', () => {
    const map = symbolsByAddress([
      { name: 'start', value: 0x0600 },
      { name: 'main', value: 0x0600 },
    ]);
    expect(map.get(0x0600)).toBe('start');
  });
});
