/**
 * easy6502's two input bytes in zero page: a random byte at $FE and the last key pressed at $FF. Both are
 * plain RAM (hooking page 0 would slow every program down), so the machine refreshes $FE itself: at fixed
 * cycle boundaries on the default machine, before every instruction under `--machine easy6502`.
 * The generator is a seeded xorshift, so runs and rewinds are repeatable.
 */
import { LAST_KEY, RANDOM_BYTE } from '../memory-map.js';

export interface RandomState {
  readonly seed: number;
  /** The cycle count of the last per-instruction refresh (see refreshBefore), -1 for none. */
  readonly refreshedAt: number;
}

export const DEFAULT_RANDOM_SEED = 0x2a6502;

/** xorshift32: cheap, and never stuck at zero as long as the state is not zero. */
function nextState(state: number): number {
  let x = state;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}

export class RandomByte {
  private state: number;
  private refreshedAt = -1;

  constructor(private readonly initialSeed = DEFAULT_RANDOM_SEED) {
    this.state = initialSeed >>> 0 || 1;
  }

  /** Writes a fresh value to $FE. */
  refresh(memory: Uint8Array): void {
    this.state = nextState(this.state);
    memory[RANDOM_BYTE] = this.state & 0xff;
  }

  /** The values the coming refreshes will write, into `values`, without using them up (Cpu.periodicPoke's peek). */
  peek(values: Uint8Array): void {
    let state = this.state;
    for (let index = 0; index < values.length; index++) {
      state = nextState(state);
      values[index] = state & 0xff;
    }
  }

  /** Uses up `count` values, as `count` refreshes would, without writing them (a CPU core wrote them). */
  take(count: number): void {
    for (let index = 0; index < count; index++) this.state = nextState(this.state);
  }

  /**
   * The per-instruction refresh (easy6502): once per instruction, however often the CPU's hook is asked
   * before it — a run that stops before an instruction and resumes asks twice, and the byte the program
   * reads must not depend on where a debugger happened to stop.
   */
  refreshBefore(memory: Uint8Array, cycles: number): void {
    if (cycles === this.refreshedAt) return;
    this.refreshedAt = cycles;
    this.refresh(memory);
  }

  reset(): void {
    this.state = this.initialSeed >>> 0 || 1;
    this.refreshedAt = -1;
  }

  saveState(): RandomState {
    return { seed: this.state, refreshedAt: this.refreshedAt };
  }

  restoreState(state: RandomState): void {
    this.state = state.seed;
    this.refreshedAt = state.refreshedAt;
  }
}

/** The host tells the program which key was pressed last, as easy6502 does. */
export function pressKey(memory: Uint8Array, code: number): void {
  memory[LAST_KEY] = code & 0xff;
}
