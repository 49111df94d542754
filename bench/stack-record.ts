/**
 * `node dist/bench/stack-record.js`: what the debugger's stack record (src/debugger/stack-pushes.ts) costs on
 * the worst case, a loop of nothing but JSR/RTS/PHA/PLA, on each CPU core: a DebugSession free-running 50 M
 * cycles with the record on, and with page 1's write flag cleared (no record). Best of 5, emulated MHz.
 */
import { assemble } from '../src/asm/index.js';
import { DebugSession, type DebugProgram } from '../src/debugger/session.js';

const SOURCE = `
        .org $0600
loop:   JSR sub
        PHA
        PLA
        INX
        JMP loop
sub:    LDA #1
        RTS
`;
const CYCLES = 50_000_000;
const program = assemble(SOURCE, { fileName: 'stack-record.s' }) as unknown as DebugProgram;

for (const core of ['js', 'wasm'] as const) {
  for (const recorded of [false, true]) {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const session = new DebugSession(program, { cpuOptions: { core } });
      if (!recorded) session.machine.cpu.writeHooks[0x01] = 0;
      const began = performance.now();
      session.continue(CYCLES);
      best = Math.min(best, performance.now() - began);
    }
    console.log(`${core.padEnd(4)} ${recorded ? 'record on ' : 'record off'} ${(CYCLES / best / 1000).toFixed(1)} MHz`);
  }
}
