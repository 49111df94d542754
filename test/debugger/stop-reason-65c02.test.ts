// Teaching mode on the NMOS 6502 names a 65C02 instruction it meets, and says how to run it.
import { describe, expect, it } from 'vitest';
import { describeStop } from '../../src/debugger/stop-reason.js';

describe('stops at another chip’s instruction', () => {
  it('names PHX and --cpu 65c02 for an undocumented stop, and for a JAM that is a 65C02 instruction', () => {
    expect(describeStop({ kind: 'undocumented', address: 0x0600, opcode: 0xda })).toBe(
      'Undocumented opcode $DA at $0600: PHX is a 65C02 instruction; run with --cpu 65c02',
    );
    expect(describeStop({ kind: 'jam', address: 0x0600, opcode: 0xb2 })).toMatch(/LDA is a 65C02 instruction; run with --cpu 65c02$/);
  });

  it('adds nothing for an NMOS-only opcode', () => {
    expect(describeStop({ kind: 'undocumented', address: 0x0600, opcode: 0x03 })).toBe('Undocumented opcode $03 at $0600'); // SLO (zp,X): a reserved NOP on the 65C02
  });
});
