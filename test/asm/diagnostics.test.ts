/** Errors that teach: file:line:col, the source line, a caret under the culprit, a hint; all of them, no cascades. */

import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../../src/asm/index.js';
import { errorsOf } from './helpers.js';

function firstDiagnostic(source: string) {
  const result = assemble(source, { fileName: 'prog.s' });
  return result.diagnostics[0]!;
}

describe('formatDiagnostic', () => {
  it('prints location, message, source line, caret and hint', () => {
    expect(formatDiagnostic(firstDiagnostic('loop:\n  lad #$10'))).toBe(
      ["prog.s:2:3: error: unknown instruction 'lad'", '      lad #$10', '      ^~~', "    hint: did you mean 'LDA'?"].join('\n'),
    );
  });
  it('keeps tabs in front of the caret so it lines up under the culprit', () => {
    const text = formatDiagnostic(firstDiagnostic('\tlad #1'));
    expect(text.split('\n')[2]).toBe('    \t^~~');
  });
  it('underlines a whole expression', () => {
    const diagnostic = firstDiagnostic('  lda #$12 + $1234');
    expect(diagnostic.location?.column).toBe(8);
    expect(diagnostic.length).toBe(11);
  });
  it('adds notes with their own locations', () => {
    const text = formatDiagnostic(firstDiagnostic('x: nop\nx: nop'));
    expect(text).toContain("note: prog.s:1:1: 'x' was first defined here");
  });
});

describe('hints', () => {
  it('suggests the closest label for a misspelt one', () => {
    const diagnostic = firstDiagnostic('loop: jmp lopo');
    expect(diagnostic.message).toBe("undefined symbol 'lopo'");
    expect(diagnostic.hint).toBe("did you mean 'loop'?");
  });
  it('mentions case when only the case differs', () => {
    expect(firstDiagnostic('Start: jmp start').hint).toBe("symbol names are case-sensitive: did you mean 'Start'?");
  });
  it('suggests a directive', () => {
    expect(firstDiagnostic('.bytee 1').hint).toBe("did you mean '.byte'?");
  });
  it('measures a branch that is too far and says what to do', () => {
    const diagnostic = firstDiagnostic('  bne far\n  .res 200\nfar: rts');
    expect(diagnostic.message).toBe('branch target $06CA is 200 bytes ahead; the limit is -128..+127');
    expect(diagnostic.hint).toContain("'BEQ skip'");
  });
  it('lists the modes an instruction has', () => {
    const diagnostic = firstDiagnostic('  ldx $10,x');
    expect(diagnostic.message).toBe('LDX has no absolute,X mode');
    expect(diagnostic.hint).toBe('LDX takes: #value, zp, zp,Y, addr, addr,Y');
  });
  it('explains why (expr)*3 is not arithmetic, as in ca65', () => {
    expect(firstDiagnostic('  lda (1+2)*3').hint).toContain("'0+(...)'");
  });
  it('explains bytes are 0..255 and how to store a negative number', () => {
    const diagnostic = firstDiagnostic('  lda #-1');
    expect(diagnostic.message).toBe('immediate value -1 does not fit in a byte (0..255)');
    expect(diagnostic.hint).toContain('#<(-1)');
  });
  it('says a missing colon may be meant', () => {
    expect(firstDiagnostic('player').hint).toBe("if 'player' is meant as a label, add a colon: 'player:'");
    expect(firstDiagnostic('loop').hint).toBe("did you mean 'NOP'? (or, if 'loop' is meant as a label, add a colon: 'loop:')");
  });
  it('names .setcpu for an undocumented opcode', () => {
    expect(firstDiagnostic('  lax $10').hint).toContain('.setcpu "6502X"');
  });
});

describe('every error, once', () => {
  it('reports all errors of a file in source order', () => {
    const errors = errorsOf(['  lad #1', '  jmp nowhere', '  lda #1 2', '  .byte 300', '  ldx $1234,x'].join('\n'));
    expect(errors).toEqual([
      "unknown instruction 'lad'",
      "undefined symbol 'nowhere'",
      "unexpected '2' after the operand",
      'value $012C does not fit in a byte (0..255)',
      'LDX has no absolute,X mode',
    ]);
  });
  it('stays quiet about uses of a constant whose definition failed', () => {
    expect(errorsOf('broken = 1 +\n lda #broken\n sta broken')).toEqual(['expected an expression at the end of the line']);
  });
  it('gives no image when there are errors, and ok is false', () => {
    const result = assemble('nop\nlad', { fileName: 'prog.s' });
    expect(result.ok).toBe(false);
    expect(result.image).toBeUndefined();
  });
  it('never throws, whatever the input', () => {
    for (const source of ['\u0000', '"', "'", '$', '%', ':', '(', '.macro', '.if', '*=', 'lda (', 'lda #', '@', ':+', '\uD800']) {
      expect(() => assemble(source)).not.toThrow();
    }
  });
});

describe('scopes in hints', () => {
  it('points to scope::name for a name that lives inside a .proc', () => {
    const diagnostic = firstDiagnostic('.proc print\nloop: rts\n.endproc\n jmp loop');
    expect(diagnostic.hint).toBe("did you mean 'print::loop'? (a name defined inside .proc or .scope is reached from outside with '::')");
  });
});

describe('limits that keep hostile input fast', () => {
  it('caps expression size and nesting with a plain error', () => {
    expect(errorsOf('lda #' + '1+'.repeat(3000) + '1')[0]).toContain('more than 2000 operators');
    expect(errorsOf('.byte ' + '('.repeat(1001) + '1' + ')'.repeat(1001))[0]).toContain('nest deeper than 1000');
    expect(errorsOf('.byte ' + '('.repeat(1000) + '1' + ')'.repeat(1000))).toEqual([]);
  });
  it('stops runaway expansion once, with one error', () => {
    const errors = errorsOf('.macro twice\n twice\n twice\n.endmacro\n twice');
    expect(errors).toEqual(["macro 'twice' expands 64 levels deep"]);
    expect(errorsOf('.repeat 1000\n.repeat 1000\n.byte 0\n.endrepeat\n.endrepeat')).toContain(
      'macro and .repeat expansions produced more than 250,000 lines',
    );
  });
});

describe('beginner mistakes', () => {
  it('explains that an immediate value cannot be indexed', () => {
    const diagnostic = firstDiagnostic('  lda #$10,x');
    expect(diagnostic.message).toBe('an immediate value cannot be indexed');
    expect(diagnostic.hint).toContain("leave out the '#'");
  });
  it('spots a label written without its colon before an instruction', () => {
    const diagnostic = firstDiagnostic('loop lda #1');
    expect(diagnostic.hint).toBe("if 'loop' is a label, it needs a colon: 'loop:'");
  });
  it('says which modes exist when one is missing', () => {
    expect(firstDiagnostic('  sta #$10').message).toBe('STA has no immediate mode');
    expect(firstDiagnostic('  inc a').hint).toBe('INC takes: zp, zp,X, addr, addr,X');
    expect(firstDiagnostic('  bne').message).toBe('BNE needs an operand');
  });
});

describe('indirect addressing mistakes', () => {
  it('says where X and Y go around the parentheses', () => {
    expect(firstDiagnostic('  lda ($10,y)').hint).toBe("only X goes inside the parentheses, (zp,X); Y goes after them, (zp),Y");
    expect(firstDiagnostic('  lda ($10),x').message).toBe("expected 'Y' in '(address),Y'");
  });
  it('says an indirect pointer must be in zero page', () => {
    const diagnostic = firstDiagnostic('  lda ($1234),y');
    expect(diagnostic.message).toBe('address $1234 does not fit in zero page');
    expect(diagnostic.hint).toBe('the pointer of an indirect mode lives in zero page ($00–$FF)');
  });
});

describe('character constants', () => {
  it("rejects one without its closing quote, as ca65 does ('Illegal character constant')", () => {
    for (const source of ["  lda #'A", "  lda #'A ; comment", "  lda #''", "  lda #'"]) {
      const diagnostic = firstDiagnostic(source);
      expect(diagnostic.severity).toBe('error');
      expect(diagnostic.message).toBe("a character constant is one character between single quotes, like 'A'");
      expect(diagnostic.location?.column).toBe(8);
    }
  });
  it("reads 'A' and the quote character itself (''')", () => {
    expect([...assemble("  .byte 'A', '''", { fileName: 'prog.s' }).image!.bytes]).toEqual([0x41, 0x27]);
  });
});
