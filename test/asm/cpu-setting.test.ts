// The assembler's CPU setting: .setcpu "65C02", .pc02 and .p02 (and the cpu option, as --cpu) decide which
// instructions a source may use, with a located error naming the fix when it uses the other chip's.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';

function bytesOf(source: string, options: { cpu?: '6502' | '65c02' } = {}): number[] | string {
  const result = assemble(source, { fileName: 't.s', ...options });
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) return errors.map((error) => `${error.message} / ${error.hint ?? ''}`).join('\n');
  return [...(result.image?.bytes ?? [])];
}

describe('CPU setting', () => {
  it('assembles 65C02 instructions after .setcpu "65C02" and .pc02, or with the cpu option', () => {
    expect(bytesOf('.setcpu "65C02"\n phx\n stz $10\n lda ($12)\n')).toEqual([0xda, 0x64, 0x10, 0xb2, 0x12]);
    expect(bytesOf('.pc02\n ina\n bbr0 $12, here\nhere: rts\n')).toEqual([0x1a, 0x0f, 0x12, 0x00, 0x60]);
    expect(bytesOf(' plx\n jmp ($1234,x)\n', { cpu: '65c02' })).toEqual([0xfa, 0x7c, 0x34, 0x12]);
  });

  it('warns about JMP ($xxFF) only for the NMOS chip, whose JMP (abs) does not carry into the next page', () => {
    const warnings = (source: string): string[] =>
      assemble(source, { fileName: 't.s' }).diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').map((diagnostic) => diagnostic.message);
    expect(warnings(' jmp ($30ff)\n')).toEqual(['JMP ($30FF) reads its high byte from $3000, not $3100']);
    expect(warnings('.setcpu "65C02"\n jmp ($30ff)\n')).toEqual([]);
  });

  it('names the fix when an NMOS source uses a 65C02 instruction, and .p02 goes back', () => {
    expect(bytesOf(' phx\n')).toMatch(/PHX is a 65C02 instruction.*\.setcpu "65C02"/);
    expect(bytesOf('.pc02\n.p02\n bra here\nhere:\n')).toMatch(/BRA is a 65C02 instruction/);
    expect(bytesOf('.setcpu "65C02"\n lax $10\n')).toMatch(/LAX is an undocumented NMOS opcode/);
    expect(bytesOf('.setcpu "Z80"\n')).toMatch(/6502 and the 65C02/);
  });
});
