// Runs nestest (a public NES CPU test ROM) on the 2A03 from $C000, its "automation" entry, and compares moth's state
// before every instruction with nestest.log, line by line: PC, A, X, Y, P, SP and the cycle count. The ROM and the log
// are not in the repository: set MOTH_NESTEST_DIR to a folder holding nestest.nes and nestest.log.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';

const directory = process.env['MOTH_NESTEST_DIR'] || undefined;
if (directory === undefined) {
  console.info('nestest: SKIPPED: MOTH_NESTEST_DIR is not set (it names a folder with nestest.nes and nestest.log, which are not in the repo)');
}

/** The fields of one log line this harness compares (the PPU dot and the disassembly's "= $xx" are not the CPU's). */
interface LogState {
  readonly pc: number;
  readonly a: number;
  readonly x: number;
  readonly y: number;
  readonly p: number;
  readonly sp: number;
  readonly cycles: number;
}

/** `C000  4C F5 C5  JMP $C5F5   A:00 X:00 Y:00 P:24 SP:FD PPU:  0, 21 CYC:7` → its registers. */
function parseLogLine(line: string): LogState | undefined {
  const match = /^([0-9A-F]{4})\s.*A:([0-9A-F]{2}) X:([0-9A-F]{2}) Y:([0-9A-F]{2}) P:([0-9A-F]{2}) SP:([0-9A-F]{2}).*CYC:(\d+)\s*$/.exec(line);
  if (!match) return undefined;
  const [, pc, a, x, y, p, sp, cycles] = match;
  return { pc: parseInt(pc!, 16), a: parseInt(a!, 16), x: parseInt(x!, 16), y: parseInt(y!, 16), p: parseInt(p!, 16), sp: parseInt(sp!, 16), cycles: Number(cycles) };
}

/** An iNES file's PRG ROM (nestest has one 16 KiB bank, mapper 0), after its 16-byte header and any 512-byte trainer. */
function programRom(image: Uint8Array): Uint8Array {
  if (image[0] !== 0x4e || image[1] !== 0x45 || image[2] !== 0x53 || image[3] !== 0x1a) throw new Error('not an iNES file (no NES<EOF> header)');
  const banks = image[4]!;
  const start = 16 + (image[6]! & 0x04 ? 512 : 0);
  return image.subarray(start, start + banks * 0x4000);
}

function format(state: LogState): string {
  const byte = (value: number): string => value.toString(16).toUpperCase().padStart(2, '0');
  return `PC:${state.pc.toString(16).toUpperCase().padStart(4, '0')} A:${byte(state.a)} X:${byte(state.x)} Y:${byte(state.y)} P:${byte(state.p)} SP:${byte(state.sp)} CYC:${state.cycles}`;
}

/** Runs the ROM beside the log; returns how many lines agree, and the first that does not. */
function runBesideLog(rom: Uint8Array, log: readonly LogState[]): { matched: number; firstDifference: string | undefined; errors: number } {
  const cpu = new Cpu({ variant: '2a03' });
  // Mapper 0 with one bank: the 16 KiB appear at $8000 and again at $C000. The rest is plain RAM here: nestest
  // in automation mode needs no PPU, and only writes to the APU registers at its very end.
  cpu.memory.set(rom.subarray(0, 0x4000), 0x8000);
  cpu.memory.set(rom.subarray(rom.length - 0x4000), 0xc000);
  Object.assign(cpu, { pc: 0xc000, sp: 0xfd, p: 0x24, cycles: 7 }); // the log counts the 7 cycles of the reset sequence
  let matched = 0;
  for (const [index, expected] of log.entries()) {
    const actual: LogState = { pc: cpu.pc, a: cpu.a, x: cpu.x, y: cpu.y, p: cpu.p, sp: cpu.sp, cycles: cpu.cycles };
    if (format(actual) !== format(expected)) {
      return { matched, firstDifference: `line ${index + 1}: the log has ${format(expected)}, moth ${format(actual)}`, errors: -1 };
    }
    matched++;
    cpu.step();
  }
  // nestest's own verdict: it leaves the number of its first failed check at $02 (official opcodes) and $03 (the others).
  return { matched, firstDifference: undefined, errors: cpu.memory[0x02]! | (cpu.memory[0x03]! << 8) };
}

describe.skipIf(directory === undefined)(`nestest on the 2A03 (${directory ?? 'MOTH_NESTEST_DIR unset'})`, () => {
  it('matches nestest.log line for line: PC, A, X, Y, P, SP and CYC before every instruction', () => {
    const romPath = join(directory!, 'nestest.nes');
    const logPath = join(directory!, 'nestest.log');
    expect(existsSync(romPath) && existsSync(logPath), `${romPath} and ${logPath}`).toBe(true);
    const lines = readFileSync(logPath, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
    const log = lines.map((line, index) => {
      const state = parseLogLine(line);
      if (state === undefined) throw new Error(`${logPath}:${index + 1}: not a nestest log line: ${line}`);
      return state;
    });
    const { matched, firstDifference, errors } = runBesideLog(programRom(new Uint8Array(readFileSync(romPath))), log);
    console.info(`nestest: ${matched} of ${log.length} log lines match (PC, A, X, Y, P, SP, CYC)`);
    expect(firstDifference).toBeUndefined();
    expect(matched).toBe(log.length);
    expect(errors, 'nestest\'s error codes at $02/$03').toBe(0);
  });
});
