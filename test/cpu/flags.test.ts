// The status register's packing rules: B and bit 5 exist only in copies of P pushed on the stack.
import { describe, expect, it } from 'vitest';
import { Flag, formatStatus, statusFromStack, statusPushedByHardware, statusPushedBySoftware } from '../../src/cpu/flags.js';

describe('Flag masks', () => {
  it('name the bits N V - B D I Z C from 7 down to 0', () => {
    expect(Flag).toEqual({
      Carry: 0x01,
      Zero: 0x02,
      InterruptDisable: 0x04,
      Decimal: 0x08,
      Break: 0x10,
      Unused: 0x20,
      Overflow: 0x40,
      Negative: 0x80,
    });
  });
});

describe('pushed and pulled status bytes', () => {
  it('PHP and BRK push B = 1 and bit 5 = 1', () => {
    expect(statusPushedBySoftware(0x20 | Flag.Carry)).toBe(0x31);
  });

  it('IRQ and NMI push B = 0 and bit 5 = 1, even if B somehow got into the value', () => {
    expect(statusPushedByHardware(0xff)).toBe(0xef);
    expect(statusPushedByHardware(0x00)).toBe(0x20);
  });

  it('PLP and RTI keep every flag but force bit 5 = 1 and B = 0', () => {
    expect(statusFromStack(0xff)).toBe(0xef);
    expect(statusFromStack(0x00)).toBe(0x20);
    expect(statusFromStack(0xd3)).toBe(0xe3);
  });
});

describe('formatStatus', () => {
  it('shows set flags as capitals, clear ones in lower case, bit 5 as a dash', () => {
    expect(formatStatus(0x24)).toBe('nv-bdIzc');
    expect(formatStatus(0xef)).toBe('NV-bDIZC');
    expect(formatStatus(statusPushedBySoftware(0x20))).toBe('nv-Bdizc');
    expect(formatStatus(0xc3)).toBe('NV-bdiZC');
    expect(formatStatus(0xff)).toBe('NV-BDIZC');
    expect(formatStatus(0x00)).toBe('nv-bdizc');
  });
});
