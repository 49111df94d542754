// The bus pane on a 65C02 machine: its own instructions are named, and its read-modify-write reads twice.
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../../src/debugger/session.js';
import { busCyclesOf } from '../../src/debugger/bus-cycles.js';
import { handProgram } from './helpers/program.js';

function cyclesAfter(lines: number[][], steps: number): ReturnType<typeof busCyclesOf> {
  const session = new DebugSession(handProgram({ lines }), { cpuOptions: { variant: '65c02' } });
  for (let step = 0; step < steps; step++) session.stepInto();
  return busCyclesOf(session.lastStep!, session.readMemory(0, 0x10000), session.variant);
}

describe('bus cycles of a 65C02 step', () => {
  it('INC $10 reads the byte, reads it again, and writes the result once', () => {
    const cycles = cyclesAfter([[0xa9, 0x41], [0x85, 0x10], [0xe6, 0x10]], 3);
    expect(cycles.map((cycle) => [cycle.address, cycle.value, cycle.kind, cycle.purpose])).toEqual([
      [0x0604, 0xe6, 'read', 'opcode fetch: INC'],
      [0x0605, 0x10, 'read', 'operand'],
      [0x0010, 0x41, 'read', 'data read'],
      [0x0010, 0x41, 'read', 'read-modify-write: the byte read again'],
      [0x0010, 0x42, 'write', 'read-modify-write: the result written'],
    ]);
  });

  it('PHX is named and pushes X', () => {
    const cycles = cyclesAfter([[0xa2, 0x42], [0xda]], 2);
    expect(cycles.map((cycle) => cycle.purpose)).toEqual(['opcode fetch: PHX', 'dummy read (the address is not final yet)', 'stack push']);
    expect(cycles[2]).toMatchObject({ address: 0x01fd, value: 0x42, kind: 'write' });
  });
});
