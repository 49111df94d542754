// Control characters and other invisible or invalid characters in a source are shown escaped ('\x0c'), never
// raw, in the message and in the echoed source line, with the caret still under the culprit (issue 12).
import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../../src/asm/index.js';
import { formatDiagnosticForTerminal } from '../../src/cli/format-diagnostic.js';
import { visibleSourceLine, visibleText } from '../../src/shared/visible-text.js';

/** True when the text has a character a terminal would not print as itself (tab aside, which the caret keeps). */
const RAW_INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00a0\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

function diagnosticsOf(source: string) {
  return assemble(source, { fileName: 'odd.s' }).diagnostics;
}

describe('visibleText', () => {
  it('escapes control, format and separator characters and leaves the rest alone', () => {
    expect(visibleText('a\x0cb')).toBe('a\\x0cb');
    expect(visibleText('\x00\x1b\x7f')).toBe('\\x00\\x1b\\x7f');
    expect(visibleText('zero\u200bwidth')).toBe('zero\\u200bwidth');
    expect(visibleText('nb\u00a0sp')).toBe('nb\\xa0sp');
    expect(visibleText('é ok, tab\there')).toBe('é ok, tab\\x09here');
  });
});

describe('visibleSourceLine', () => {
  it('keeps tabs, escapes the rest, and moves the caret by the escapes before it', () => {
    const { text, caret } = visibleSourceLine('\tlda \x0c\u200b%', 7, 1);
    expect(text).toBe('\tlda \\x0c\\u200b%');
    expect(caret).toBe('\t    ' + ' '.repeat(4) + '^~~~~~');
  });
  it('underlines an escaped culprit over its whole escape', () => {
    expect(visibleSourceLine('  lda \x0c#2', 7, 1)).toEqual({ text: '  lda \\x0c#2', caret: '      ^~~~' });
  });
});

describe('assembler diagnostics', () => {
  const sources = ['  lda \x0c#2', '  lda #1\x0c', '  lda #1\u200b', '\tlda \x0c\u200b%', '  lda #\x01', '  .byte "a\x1bb"\n  lda #1\x7f'];
  it('never carry a raw control character in the message or the hint', () => {
    for (const source of sources) {
      const found = diagnosticsOf(source);
      expect(found.length, JSON.stringify(source)).toBeGreaterThan(0);
      for (const diagnostic of found) {
        expect(diagnostic.message, JSON.stringify(source)).not.toMatch(RAW_INVISIBLE);
        expect(diagnostic.hint ?? '').not.toMatch(RAW_INVISIBLE);
      }
    }
  });

  it("name the character escaped: cannot read '\\x0c'", () => {
    expect(diagnosticsOf('  lda \x0c#2')[0]!.message).toBe("cannot read '\\x0c'");
  });

  it('are printed (plain and for the terminal) with the source line escaped and the caret under the culprit', () => {
    for (const source of sources) {
      for (const diagnostic of diagnosticsOf(source)) {
        for (const printed of [formatDiagnostic(diagnostic), formatDiagnosticForTerminal(diagnostic, false)]) {
          expect(printed, JSON.stringify(source)).not.toMatch(RAW_INVISIBLE);
          const [, echoed, caret] = printed.split('\n');
          const expected = visibleSourceLine(diagnostic.sourceLine!, diagnostic.location!.column, diagnostic.length);
          expect([echoed, caret]).toEqual([`    ${expected.text}`, `    ${expected.caret}`]);
        }
      }
    }
    const printed = formatDiagnostic(diagnosticsOf('  lda \x0c#2')[0]!).split('\n');
    expect(printed.slice(0, 3)).toEqual(["odd.s:1:7: error: cannot read '\\x0c'", '      lda \\x0c#2', '          ^~~~']);
  });
});
