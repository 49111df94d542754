/**
 * An interrupt feedback register, as Klaus Dormann's interrupt test expects (its `I_port`, $BFFC in the
 * test's own configuration): one read/write register whose bits drive the CPU's interrupt inputs directly.
 * A 1 in the IRQ bit (bit 0 by default) holds IRQ asserted; a 1 in the NMI bit (bit 1) asserts NMI, which
 * the CPU takes on the rising edge. Reads give back the last value written. This is the test's "open
 * collector, no DDR" configuration (I_drive = 1, I_ddr = 0).
 */
import type { Device } from './device.js';

export interface InterruptLines {
  setIrq(asserted: boolean): void;
  setNmi(asserted: boolean): void;
}

export interface InterruptFeedbackState {
  readonly value: number;
}

export class InterruptFeedback implements Device<InterruptFeedbackState> {
  readonly size = 1;
  private value = 0;

  constructor(
    private readonly lines: InterruptLines,
    private readonly irqBit = 0,
    private readonly nmiBit = 1,
  ) {}

  read(): number {
    return this.value;
  }

  peek(): number {
    return this.value;
  }

  write(_offset: number, value: number): void {
    this.value = value & 0xff;
    this.drive();
  }

  reset(): void {
    this.value = 0;
    this.drive();
  }

  saveState(): InterruptFeedbackState {
    return { value: this.value };
  }

  restoreState(state: InterruptFeedbackState): void {
    this.value = state.value;
    this.drive();
  }

  private drive(): void {
    this.lines.setIrq(((this.value >> this.irqBit) & 1) === 1);
    this.lines.setNmi(((this.value >> this.nmiBit) & 1) === 1);
  }
}
