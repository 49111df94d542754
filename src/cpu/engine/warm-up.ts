/**
 * Gives V8 type feedback for every path of the lean loop before real work starts, by running each opcode
 * a few times on a scratch CPU. Without it, V8 optimizes the loop from the paths a program happened to use
 * in its first moments, then throws that code away ("deoptimizes") the first time the program reaches a
 * path it had not seen (decimal mode, a page crossing, a device page) and compiles again. For a loop this
 * size each compile takes TurboFan 0.4 s or more, so a one-shot run paid it four or five times.
 */
import type { Cpu } from '../cpu.js';

/**
 * States per opcode: enough to see decimal mode and page crossings. Hooked pages are left out on purpose:
 * a bus call V8 has seen at a read or write site makes it assume all of the CPU's fields may have changed
 * there, and priming every site that way made the optimized loop twice as slow. A program's own first
 * device access teaches V8 that one site instead.
 */
const SAMPLES_PER_OPCODE = 12;

/** A small deterministic generator (xorshift32): the warm-up does the same work every time. */
function byteGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 0xff;
  };
}

/** Runs every opcode from varied states on `scratch`, a CPU nobody else uses. Takes a few milliseconds. */
export function warmUpLeanLoop(scratch: Cpu): void {
  const next = byteGenerator(0x6502);
  const memory = scratch.memory;
  for (let address = 0; address < 0x100; address += 1) memory[address] = next(); // pointers for (zp) modes
  for (let sample = 0; sample < SAMPLES_PER_OPCODE; sample++) {
    scratch.options.detectTraps = (sample & 2) !== 0;
    for (let opcode = 0; opcode < 0x100; opcode++) {
      scratch.jammed = false;
      scratch.waiting = false;
      scratch.a = next();
      scratch.x = next();
      scratch.y = next();
      scratch.sp = next();
      scratch.p = (next() | 0x20) & ~0x10;
      scratch.pc = (next() << 8) | next();
      memory[scratch.pc] = opcode;
      memory[(scratch.pc + 1) & 0xffff] = next(); // operands: page crossings come from these and the indexes
      memory[(scratch.pc + 2) & 0xffff] = next();
      scratch.engine.lean(scratch, 1);
    }
  }
  // The stops: a JMP to itself and a branch to itself (traps), and BRK in stop mode.
  scratch.jammed = false;
  scratch.options.detectTraps = true;
  scratch.options.brk = 'stop';
  memory.set([0x4c, 0x00, 0x02, 0xd0, 0xfe, 0x00], 0x0200); // $0200 JMP $0200 / $0203 BNE * / $0205 BRK
  for (const start of [0x0200, 0x0203, 0x0205]) {
    scratch.pc = start;
    scratch.p = 0x20;
    scratch.engine.lean(scratch, 10);
  }
  // The between-instruction paths: an IRQ, an NMI and a stop request.
  scratch.options.brk = 'interrupt';
  scratch.jammed = false;
  scratch.p &= ~0x04;
  scratch.irqLine = 1;
  scratch.engine.lean(scratch, 1);
  scratch.irqLine = 0;
  scratch.nmi();
  scratch.engine.lean(scratch, 1);
  scratch.requestStop();
  scratch.engine.lean(scratch, 1);
  scratch.waiting = false;
}
