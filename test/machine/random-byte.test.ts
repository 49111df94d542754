// The default machine's random byte at $FE, refreshed every 4,096 cycles: the wasm core writes it inside its
// run (Cpu.periodicPoke, issue 16), the TypeScript core by the machine's slices; a program must see the very same
// bytes at the very same moments either way, however the run is sliced.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine/machine.js';
import type { CpuCore } from '../../src/cpu/cores.js';

/** Reads $FE 64 times into $03C0-$03FF, waiting 29 cycles times (the byte read | $40) between two reads. */
const PROGRAM = [
  0xa2, 0xc0, //       LDX #$C0
  0xa5, 0xfe, //       loop: LDA $FE
  0x9d, 0x00, 0x03, // STA $0300,X
  0x09, 0x40, //       ORA #$40
  0xa8, //             TAY
  0x20, 0x17, 0x06, // wait: JSR sub
  0x20, 0x17, 0x06, // JSR sub
  0x88, //             DEY
  0xd0, 0xf7, //       BNE wait
  0xe8, //             INX
  0xd0, 0xec, //       BNE loop
  0x00, //             BRK
  0x60, //             sub: RTS
];

function runToBrk(core: CpuCore, slice: number) {
  const machine = new Machine({ cpuOptions: { core } });
  machine.load(Uint8Array.from(PROGRAM), 0x0600);
  machine.reset(0x0600);
  let stop = machine.run(slice);
  while (stop.reason === 'budget') stop = machine.run(slice);
  return {
    stop,
    cycles: machine.cpu.cycles,
    seen: [...machine.cpu.memory.subarray(0x03c0, 0x0400)],
    randomByte: machine.peek(0xfe),
    seed: machine.random.saveState().seed,
    nextEvent: machine.nextEventCycle(),
  };
}

describe('the periodic random byte', () => {
  const expected = runToBrk('js', 1_000_000);

  it('changes while the program runs (the check below means something)', () => {
    expect(expected.stop.reason).toBe('brk');
    expect(new Set(expected.seen).size).toBeGreaterThan(30);
    expect(expected.cycles).toBeGreaterThan(40 * 4096);
  });

  for (const core of ['js', 'wasm'] as const) {
    for (const slice of [1, 997, 4096, 1_000_000]) {
      it(`is the same on the ${core} core run in slices of ${slice} cycles`, () => {
        expect(runToBrk(core, slice)).toEqual(expected);
      });
    }
  }
});
