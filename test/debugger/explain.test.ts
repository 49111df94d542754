// Checks that every opcode has a plain-words explanation and that the common ones say exactly the right thing.
import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { INSTRUCTION_SET } from '../../src/cpu/instruction-set.js';
import { explain, explainInterrupt } from '../../src/debugger/explain.js';
import { finishExplain, prepareExplain } from '../../src/debugger/explain-capture.js';
import { hex } from '../../src/shared/hex.js';
import type { CpuSnapshot, ExplainInput } from '../../src/debugger/explain-capture.js';

const START: CpuSnapshot = { a: 0, x: 0, y: 0, sp: 0xff, pc: 0x0600, p: 0x24, cycles: 0 };

/** One executed instruction at $0600: registers before, the ones that changed after. */
function step(
  bytes: number[],
  before: Partial<CpuSnapshot>,
  after: Partial<CpuSnapshot>,
  memory: Partial<Pick<ExplainInput, 'valueRead' | 'valueWritten' | 'effectiveAddress' | 'symbols'>> = {},
): string {
  const [opcode, ...operandBytes] = bytes;
  const start = { ...START, ...before };
  return explain({
    opcode: opcode!,
    operandBytes,
    address: start.pc,
    before: start,
    after: { ...start, pc: start.pc + bytes.length, ...after },
    ...memory,
  });
}

describe('explain covers every opcode', () => {
  it.each(INSTRUCTION_SET.map((info) => [hex(info.opcode), info.opcode, info.mnemonic, info.mode] as const))(
    'opcode %s (%i: %s %s) has a sentence naming its mnemonic',
    (_name, opcode, mnemonic) => {
      const info = INSTRUCTION_SET[opcode]!;
      const operandBytes = [0x10, 0x02].slice(0, info.length - 1);
      const sentence = explain({
        opcode,
        operandBytes,
        address: 0x0600,
        before: START,
        after: { ...START, pc: 0x0600 + info.length, cycles: info.cycles },
        valueRead: 0x42,
        valueWritten: 0x43,
      });
      expect(sentence.startsWith(mnemonic)).toBe(true);
      expect(sentence).toMatch(/: \S/);
      expect(sentence).not.toMatch(/undefined|NaN|\[object/);
      if (!info.documented) expect(sentence).toMatch(/undocumented|JAM/);
    },
  );
});

describe('explain on real executions', () => {
  it('the table it covers has all 256 opcodes, once each', () => {
    expect(INSTRUCTION_SET.map((info) => info.opcode)).toEqual(Array.from({ length: 256 }, (_, opcode) => opcode));
  });

  it.each(INSTRUCTION_SET.filter((info) => info.documented).map((info) => [hex(info.opcode), info.opcode] as const))(
    'opcode %s run on the CPU is explained with every value known',
    (_name, opcode) => {
      const cpu = new Cpu();
      const memory = cpu.memory;
      // A pointer at $10 and at $15 (for (zp,X) with X = 5) into RAM that is not the program.
      memory.set([0x00, 0x30], 0x10);
      memory.set([0x40, 0x30], 0x15);
      memory.set([opcode, 0x10, 0x30], 0x0600);
      memory.fill(0x5a, 0x3000, 0x3100);
      memory[0xfffe] = 0x00;
      memory[0xffff] = 0x80;
      Object.assign(cpu, { a: 0x3c, x: 0x05, y: 0x07, sp: 0xfd, pc: 0x0600, p: 0x25 });
      const snapshot = (): CpuSnapshot => ({ a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, pc: cpu.pc, p: cpu.p, cycles: cpu.cycles });
      const peek = (address: number): number => memory[address]!;
      const pending = prepareExplain(peek, snapshot());
      cpu.step();
      const sentence = explain(finishExplain(pending, snapshot(), peek));
      expect(sentence.startsWith(INSTRUCTION_SET[opcode]!.mnemonic)).toBe(true);
      expect(sentence).not.toMatch(/\?|undefined|NaN/);
    },
  );
});

describe('explain: exact sentences', () => {
  it('ADC immediate shows the sum and every flag it sets', () => {
    expect(step([0x69, 0x10], { a: 0x05 }, { a: 0x15 })).toBe('ADC #$10: A = $05 + $10 + C(0) = $15; Z=0 N=0 V=0 C=0');
  });

  it('ADC says why carry and overflow were set', () => {
    expect(step([0x69, 0x50], { a: 0x50 }, { a: 0xa0, p: 0x24 | 0x80 | 0x40 })).toBe(
      'ADC #$50: A = $50 + $50 + C(0) = $A0; Z=0 N=1 V=1 C=0 (V=1: as signed numbers the result does not fit in -128..127)',
    );
    expect(step([0x69, 0x01], { a: 0xff }, { a: 0x00, p: 0x24 | 0x02 | 0x01 })).toBe(
      'ADC #$01: A = $FF + $01 + C(0) = $00; Z=1 N=0 V=0 C=1 (C=1: the sum passed $FF, so a 1 carries into the next byte)',
    );
  });

  it('ADC from memory derives the operand in binary mode when the byte was not captured', () => {
    expect(step([0x65, 0x10], { a: 0x05, p: 0x25 }, { a: 0x09, p: 0x24 })).toBe(
      'ADC $10: A = $05 + $03 (from $10) + C(1) = $09; Z=0 N=0 V=0 C=0',
    );
  });

  it('ADC in decimal mode says so', () => {
    expect(step([0x69, 0x19], { a: 0x25, p: 0x2c }, { a: 0x44 })).toBe(
      'ADC #$19: A = $25 + $19 + C(0) = $44 (decimal mode: digits added in BCD); Z=0 N=0 V=0 C=0',
    );
  });

  it('SBC shows the borrow', () => {
    expect(step([0xe9, 0x03], { a: 0x10, p: 0x25 }, { a: 0x0d })).toBe(
      'SBC #$03: A = $10 - $03 - (1 - C(1)) = $0D; Z=0 N=0 V=0 C=1',
    );
    expect(step([0xe9, 0x20], { a: 0x10, p: 0x25 }, { a: 0xf0, p: 0xa4 })).toBe(
      'SBC #$20: A = $10 - $20 - (1 - C(1)) = $F0; Z=0 N=1 V=0 C=0 (C=0: the operand was bigger, so this subtraction borrowed)',
    );
  });

  it('CMP equal and less', () => {
    expect(step([0xc9, 0x0a], { a: 0x0a }, { p: 0x27 })).toBe('CMP #$0A: A ($0A) - $0A = $00 → Z=1 (equal), C=1 (A ≥ operand)');
    expect(step([0xe0, 0x05], { x: 0x03 }, { p: 0xa4 })).toBe(
      'CPX #$05: X ($03) - $05 = $FE → Z=0 (not equal), C=0 (X < operand), N=1 (bit 7 of the difference)',
    );
  });

  it('branches say whether they were taken, with labels', () => {
    const symbols = new Map([[0x0612, 'loop']]);
    expect(step([0xd0, 0x10], { pc: 0x0600 }, { pc: 0x0612 }, { symbols })).toBe('BNE loop: Z=0 so the branch is taken → $0612');
    expect(step([0xd0, 0xfc], { pc: 0x0610, p: 0x26 }, {})).toBe(
      'BNE $060E: Z=1 so the branch is not taken; carry on at $0612',
    );
    expect(step([0xf0, 0xfe], { pc: 0x0610, p: 0x26 }, { pc: 0x0610 })).toBe(
      'BEQ $0610: Z=1 so the branch is taken → $0610 (a branch to itself: the program waits here forever)',
    );
  });

  it('stores show the address arithmetic', () => {
    expect(step([0x9d, 0x00, 0x02], { a: 0x0e, x: 0x05 }, {})).toBe(
      'STA $0200,X: $0200 + X($05) = $0205 (display pixel 5,0 → light blue) ← A($0E)',
    );
    expect(step([0x86, 0x10], { x: 0x07 }, {})).toBe('STX $10: $10 ← X($07)');
    expect(step([0x95, 0xf0], { a: 1, x: 0x20 }, {})).toBe('STA $F0,X: $F0 + X($20) = $10 (wrapped in page 0) ← A($01)');
  });

  it('loads show where the byte came from', () => {
    expect(step([0xa9, 0x00], { a: 0x44 }, { a: 0, p: 0x26 })).toBe('LDA #$00: A ← $00; Z=1 N=0');
    expect(step([0xbd, 0x00, 0x02], { x: 0x05 }, { a: 0x0e })).toBe(
      'LDA $0200,X: A ← $0E from $0200 + X($05) = $0205 (display pixel 5,0); Z=0 N=0',
    );
    expect(
      step([0xb1, 0x10], { y: 0x05 }, { a: 0x80, p: 0xa4 }, { effectiveAddress: 0x0705, valueRead: 0x80 }),
    ).toBe('LDA ($10),Y: A ← $80 from pointer at $10 → $0700 + Y($05) = $0705; Z=0 N=1');
  });

  it('increments and decrements', () => {
    expect(step([0xe8], { x: 0xff }, { x: 0x00, p: 0x26 })).toBe('INX: X = $FF + 1 = $00 (wraps around); Z=1 N=0');
    expect(step([0xc6, 0x10], {}, {}, { valueRead: 0x05, valueWritten: 0x04 })).toBe('DEC $10: the byte at $10 becomes $05 - 1 = $04; Z=0 N=0');
  });

  it('read-modify-write says which byte changed and how, apart from the address arithmetic', () => {
    expect(step([0xf6, 0x10], { x: 0x05 }, {}, { valueRead: 0x40, valueWritten: 0x41 })).toBe(
      'INC $10,X: the byte at $10 + X($05) = $15 becomes $40 + 1 = $41; Z=0 N=0',
    );
    expect(step([0x0e, 0x10, 0x30], {}, { p: 0xa4 }, { valueRead: 0x5a, valueWritten: 0xb4 })).toBe(
      'ASL $3010: the byte at $3010 becomes $5A << 1 = $B4, old bit 7 (0) → C; Z=0 N=1 C=0',
    );
  });

  it('memory operands of sums and compares keep their address in brackets', () => {
    expect(step([0xf5, 0x10], { a: 0x3c, x: 0x05, p: 0x25 }, { a: 0xfc, p: 0xa4 }, { valueRead: 0x40 })).toBe(
      'SBC $10,X: A = $3C - $40 (from $10 + X($05) = $15) - (1 - C(1)) = $FC; Z=0 N=1 V=0 C=0 (C=0: the operand was bigger, so this subtraction borrowed)',
    );
    expect(step([0xcd, 0x10, 0x30], { a: 0x3c }, { p: 0xa4 }, { valueRead: 0x5a })).toBe(
      'CMP $3010: A ($3C) - $5A (from $3010) = $E2 → Z=0 (not equal), C=0 (A < operand), N=1 (bit 7 of the difference)',
    );
  });

  it('shifts and rotates say where the lost bit went', () => {
    expect(step([0x0a], { a: 0x81 }, { a: 0x02, p: 0x25 })).toBe('ASL A: A = $81 << 1 = $02, old bit 7 (1) → C; Z=0 N=0 C=1');
    expect(step([0x6a], { a: 0x02, p: 0x25 }, { a: 0x81, p: 0xa4 })).toBe(
      'ROR A: A = C(1) into bit 7, $02 >> 1 = $81, old bit 0 (0) → C; Z=0 N=1 C=0',
    );
  });

  it('logic and BIT', () => {
    expect(step([0x29, 0x0f], { a: 0x3c }, { a: 0x0c })).toBe('AND #$0F: A = $3C AND $0F = $0C; Z=0 N=0');
    expect(step([0x24, 0x10], { a: 0x01 }, { p: 0x24 | 0x80 | 0x40 | 0x02 }, { valueRead: 0xc0 })).toBe(
      'BIT $10: A($01) AND $C0 (from $10) = $00 → Z=1; N=1 V=1 copied from bits 7 and 6 of $C0',
    );
  });

  it('the stack and subroutines', () => {
    expect(step([0x48], { a: 0x0e }, { sp: 0xfe })).toBe('PHA: pushes A($0E) to $01FF; SP $FF → $FE');
    expect(step([0x20, 0x20, 0x06], { pc: 0x0603 }, { pc: 0x0620, sp: 0xfd })).toBe(
      'JSR $0620: pushes the return address minus one ($0605) at $01FF and $01FE; SP $FF → $FD; PC = $0620',
    );
    expect(step([0x60], { pc: 0x0620, sp: 0xfd }, { pc: 0x0606, sp: 0xff })).toBe(
      'RTS: pulls $0605 from the stack, SP $FD → $FF; PC = $0605 + 1 = $0606',
    );
  });

  it('flag instructions, BRK and JAM', () => {
    expect(step([0x18], { p: 0x25 }, { p: 0x24 })).toBe('CLC: C = 0 (carry cleared, ready for ADC)');
    expect(step([0x00], {}, {})).toMatch(/^BRK: a software break/);
    expect(step([0x00], {}, { sp: 0xfc, pc: 0x8000 })).toBe(
      'BRK: pushes $0602 and P as $34 (B set), sets I, and jumps through the vector at $FFFE to $8000',
    );
    expect(step([0x02], {}, {})).toBe('JAM: undocumented JAM: the processor locks up and only a reset brings it back');
  });

  it('undocumented combinations name what they combine', () => {
    expect(step([0xa7, 0x10], {}, { a: 0x33, x: 0x33 }, { valueRead: 0x33 })).toBe(
      'LAX $10: undocumented, LDA and LDX at once: A = X ← $33 from $10; Z=0 N=0',
    );
  });
});

describe('prepareExplain and finishExplain capture what explain needs from memory', () => {
  it('reads the pointer, the byte before and the byte after', () => {
    const memory = new Uint8Array(0x10000);
    memory.set([0x91, 0x10], 0x0600); // STA ($10),Y
    memory.set([0x00, 0x07], 0x10); // pointer → $0700
    const peek = (address: number): number => memory[address]!;
    const before = { ...START, a: 0x0e, y: 0x05 };
    const pending = prepareExplain(peek, before);
    memory[0x0705] = 0x0e; // what the CPU would have done
    const sentence = explain(finishExplain(pending, { ...before, pc: 0x0602, cycles: 6 }, peek));
    expect(sentence).toBe('STA ($10),Y: pointer at $10 → $0700 + Y($05) = $0705 ← A($0E)');
  });
});

describe('explain names the devices and special bytes an instruction touches', () => {
  it('a store to the console says what it prints', () => {
    expect(step([0x8d, 0x01, 0xf0], { a: 0x48 }, {})).toBe('STA $F001: $F001 (console out: prints "H") ← A($48)');
    expect(step([0x8e, 0x01, 0xf0], { x: 0x0a }, {})).toBe('STX $F001: $F001 (console out: prints a new line) ← X($0A)');
  });

  it('reading the console and its status', () => {
    expect(step([0xad, 0x04, 0xf0], {}, { a: 0x6d }, { valueRead: 0x6d })).toBe(
      'LDA $F004: A ← $6D from $F004 (console in: takes the next input byte, $00 when none is waiting); Z=0 N=0',
    );
    expect(step([0xad, 0x05, 0xf0], {}, { a: 0x01 }, { valueRead: 0x01 })).toMatch(/\(console status: bit 0 = input waiting/);
  });

  it('the exit port, the timer and the vectors', () => {
    expect(step([0x8d, 0x0f, 0xf0], { a: 3 }, {})).toBe('STA $F00F: $F00F (exit port: the run ends with exit code 3) ← A($03)');
    expect(step([0x8d, 0x12, 0xf0], { a: 3 }, {})).toBe(
      'STA $F012: $F012 (timer control: the timer runs and may raise IRQ) ← A($03)',
    );
    expect(step([0x8d, 0x13, 0xf0], {}, {})).toBe('STA $F013: $F013 (timer status: acknowledges the timer, releasing IRQ) ← A($00)');
    expect(step([0x8d, 0xfe, 0xff], { a: 0x66 }, {})).toBe('STA $FFFE: $FFFE (IRQ/BRK vector, low byte) ← A($66)');
  });

  it('the random byte and the last key, and nothing for plain RAM', () => {
    expect(step([0xa5, 0xfe], {}, { a: 0x17 }, { valueRead: 0x17 })).toBe('LDA $FE: A ← $17 from $FE (random byte); Z=0 N=0');
    expect(step([0xa5, 0xff], {}, { a: 0x77 }, { valueRead: 0x77 })).toBe('LDA $FF: A ← $77 from $FF (last key pressed); Z=0 N=0');
    expect(step([0x85, 0x10], { a: 1 }, {})).toBe('STA $10: $10 ← A($01)');
  });
});

describe('explainInterrupt', () => {
  it('says why the IRQ was taken, what was pushed where, and where the CPU went', () => {
    const before = { ...START, pc: 0x062b, sp: 0xfd, p: 0x23 };
    const after = { ...before, pc: 0x0666, sp: 0xfa, p: 0x27, cycles: 7 };
    expect(explainInterrupt('IRQ', before, after, new Map([[0x0666, 'irq_handler']]))).toBe(
      'IRQ taken: a device holds the IRQ line and I=0, so the CPU pushed PC ($062B) and P as $23 (B clear) at $01FD–$01FB, ' +
        'SP $FD → $FA, set I, and jumped through the vector at $FFFE to irq_handler ($0666); RTI will come back to $062B',
    );
  });

  it('NMI goes through its own vector and ignores I', () => {
    const before = { ...START, pc: 0x0700, sp: 0xff, p: 0x24 };
    const sentence = explainInterrupt('NMI', before, { ...before, pc: 0x0800, sp: 0xfc });
    expect(sentence).toMatch(/^NMI taken: the NMI pin was pulled \(I cannot mask it\)/);
    expect(sentence).toContain('the vector at $FFFA to $0800');
  });
});
