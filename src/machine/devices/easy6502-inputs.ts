/**
 * easy6502's two input bytes in zero page: a random byte at $FE and the last key pressed at $FF. Both are
 * plain RAM (hooking page 0 would slow every program down), so the machine refreshes $FE itself: at fixed
 * cycle boundaries on the default machine, before every instruction under `--machine easy6502`.
 * The generator is a seeded xorshift, so runs and rewinds are repeatable.
 */
import { LAST_KEY, RANDOM_BYTE } from '../memory-map.js';

export interface RandomState {
  readonly seed: number;
}

export const DEFAULT_RANDOM_SEED = 0x2a6502;

export class RandomByte {
  private state: number;

  constructor(private readonly initialSeed = DEFAULT_RANDOM_SEED) {
    this.state = initialSeed >>> 0 || 1;
  }

  /** Writes a fresh value to $FE. */
  refresh(memory: Uint8Array): void {
    // xorshift32: cheap, and never stuck at zero as long as the state is not zero.
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    memory[RANDOM_BYTE] = this.state & 0xff;
  }

  reset(): void {
    this.state = this.initialSeed >>> 0 || 1;
  }

  saveState(): RandomState {
    return { seed: this.state };
  }

  restoreState(state: RandomState): void {
    this.state = state.seed;
  }
}

/** The host tells the program which key was pressed last, as easy6502 does. */
export function pressKey(memory: Uint8Array, code: number): void {
  memory[LAST_KEY] = code & 0xff;
}
