/** The exit port at $F00F: a write stops the run, and the value written becomes the process exit code. */
import type { Device } from './device.js';
import { EXIT_PORT } from '../memory-map.js';

export interface ExitPortState {
  readonly exitCode: number | undefined;
}

export class ExitPortDevice implements Device<ExitPortState> {
  /** The value last written, until the machine reports it and clears it. */
  exitCode: number | undefined;

  /** @param requestStop ends the CPU's run loop after the current instruction. */
  constructor(private readonly requestStop: () => void) {}

  read(): number {
    return 0;
  }

  write(address: number, value: number): void {
    if (address !== EXIT_PORT) return;
    this.exitCode = value & 0xff;
    this.requestStop();
  }

  peek(): number {
    return 0;
  }

  reset(): void {
    this.exitCode = undefined;
  }

  saveState(): ExitPortState {
    return { exitCode: this.exitCode };
  }

  restoreState(state: ExitPortState): void {
    this.exitCode = state.exitCode;
  }
}
