// The CLI's pure helpers: diagnostics for the terminal and symbol files.
import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../../src/asm/index.js';
import { formatDiagnosticForTerminal, formatDiagnostics } from '../../src/cli/format-diagnostic.js';

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
