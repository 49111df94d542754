/** The exit port (one register, $F00F by default): a write stops the run, and the value written becomes the process exit code. */
import type { Device, DeviceWiring } from './device.js';

export interface ExitPortState {
  readonly exitCode: number | undefined;
}

export class ExitPortDevice implements Device<ExitPortState> {
  readonly size = 1;
  /** The value last written, until the machine reports it and clears it. */
  exitCode: number | undefined;

  constructor(private readonly wiring: Pick<DeviceWiring, 'requestStop'>) {}

  read(): number {
    return 0;
  }

  write(_offset: number, value: number): void {
    this.exitCode = value & 0xff;
    this.wiring.requestStop();
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
