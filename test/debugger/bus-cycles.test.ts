// Checks the bus pane's data: every clock cycle of the last step, re-run on a scratch CPU, with what each cycle is for.
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../../src/debugger/session.js';
import { busCyclesOf } from '../../src/debugger/bus-cycles.js';
import { handProgram } from './helpers/program.js';

function cyclesAfter(lines: number[][], steps: number): ReturnType<typeof busCyclesOf> {
  const session = new DebugSession(handProgram({ lines }));
  for (let step = 0; step < steps; step++) session.stepInto();
  return busCyclesOf(session.lastStep!, session.readMemory(0, 0x10000));
}

describe('bus cycles of the last step', () => {
  it('INC $10: opcode, operand, data read, then the old byte and the result written', () => {
    const cycles = cyclesAfter([[0xa9, 0x41], [0x85, 0x10], [0xe6, 0x10]], 3);
    expect(cycles.map((cycle) => [cycle.address, cycle.value, cycle.kind, cycle.purpose])).toEqual([
      [0x0604, 0xe6, 'read', 'opcode fetch: INC'],
      [0x0605, 0x10, 'read', 'operand'],
      [0x0010, 0x41, 'read', 'data read'],
      [0x0010, 0x41, 'write', 'read-modify-write: the old byte written back'],
      [0x0010, 0x42, 'write', 'read-modify-write: the result written'],
    ]);
  });

  it('JSR: a dummy stack read, the return address pushed high byte first, the operand high byte last', () => {
    const cycles = cyclesAfter([[0x20, 0x04, 0x06], [0x00], [0xea]], 1);
    expect(cycles.map((cycle) => cycle.purpose)).toEqual([
      'opcode fetch: JSR', 'operand, low byte', 'dummy stack read', 'stack push', 'stack push', 'operand, high byte',
    ]);
    expect(cycles[3]).toMatchObject({ address: 0x01fd, value: 0x06, kind: 'write' });
    expect(cycles[4]).toMatchObject({ address: 0x01fc, value: 0x02, kind: 'write' });
  });

  it('LDA abs,X across a page: the dummy read before the high byte is fixed', () => {
    const cycles = cyclesAfter([[0xa2, 0x01], [0xbd, 0xff, 0x10]], 2);
    expect(cycles.map((cycle) => [cycle.address, cycle.purpose])).toEqual([
      [0x0602, 'opcode fetch: LDA'], [0x0603, 'operand, low byte'], [0x0604, 'operand, high byte'],
      [0x1000, 'dummy read (the address is not final yet)'], [0x1100, 'data read'],
    ]);
  });
});
