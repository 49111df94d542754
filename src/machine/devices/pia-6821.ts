/**
 * MOS 6821 PIA (Motorola MC6820/6821): two 8-bit ports, each with a data direction register and a control
 * register. +0 port A data or DDRA, +1 CRA, +2 port B data or DDRB, +3 CRB; bit 2 of CRx chooses whether
 * +0/+2 reach the port (1) or its DDR (0).
 *
 * CRx: bit 0 enables IRQ from C1, bit 1 picks C1's active edge (1 rising), bits 3–5 configure C2, bit 6 is
 * the C2 flag and bit 7 the C1 flag (both read-only; reading the port's data clears them). Both IRQ outputs
 * are wired together to the device's interrupt line. What hangs on the ports is a {@link PiaPeripheral}
 * (apple1-terminal.ts wires the Apple-1's keyboard and display).
 */
import type { Device, DeviceWiring } from './device.js';

export const PIA_PORT_A = 0;
export const PIA_CONTROL_A = 1;
export const PIA_PORT_B = 2;
export const PIA_CONTROL_B = 3;

export const CONTROL_C1_IRQ_ENABLE = 0x01;
export const CONTROL_C1_RISING = 0x02;
export const CONTROL_SELECT_PORT = 0x04;
export const CONTROL_C2_IRQ_ENABLE = 0x08;
export const CONTROL_C2_OUTPUT = 0x20;
export const CONTROL_C2_FLAG = 0x40;
export const CONTROL_C1_FLAG = 0x80;

export type PiaSide = 'a' | 'b';

/** Whatever is connected to the ports. */
export interface PiaPeripheral {
  /** The pins' levels as the peripheral drives them (1 where it drives nothing: the inputs' pull-ups). */
  inputPins(side: PiaSide): number;
  /** The program wrote the port's output register (handshake peripherals react to this). */
  portWritten?(side: PiaSide, pins: number): void;
  /** The program is about to read a register: the peripheral may signal C1 first (a key arriving). */
  beforeRead?(side: PiaSide, pia: Pia6821): void;
  /** What the peripheral remembers (a latched key), saved and restored with the PIA. */
  saveState?(): unknown;
  restoreState?(state: unknown): void;
}

interface SideState {
  output: number;
  direction: number;
  control: number;
  c1: boolean;
}

export interface Pia6821State {
  readonly a: Readonly<SideState>;
  readonly b: Readonly<SideState>;
  readonly peripheral: unknown;
}

const freshSide = (): SideState => ({ output: 0, direction: 0, control: 0, c1: false });

export class Pia6821 implements Device<Pia6821State> {
  readonly size = 4;
  private a = freshSide();
  private b = freshSide();
  peripheral: PiaPeripheral | undefined;

  constructor(private readonly wiring: DeviceWiring) {}

  read(offset: number): number {
    const side: PiaSide = offset < 2 ? 'a' : 'b';
    this.peripheral?.beforeRead?.(side, this);
    const state = this.sideState(side);
    if ((offset & 1) === 1) return state.control;
    if ((state.control & CONTROL_SELECT_PORT) === 0) return state.direction;
    const value = this.pins(side);
    state.control &= ~(CONTROL_C1_FLAG | CONTROL_C2_FLAG);
    this.updateLine();
    return value;
  }

  peek(offset: number): number {
    const side: PiaSide = offset < 2 ? 'a' : 'b';
    const state = this.sideState(side);
    if ((offset & 1) === 1) return state.control;
    return (state.control & CONTROL_SELECT_PORT) === 0 ? state.direction : this.pins(side);
  }

  write(offset: number, value: number): void {
    const side: PiaSide = offset < 2 ? 'a' : 'b';
    const state = this.sideState(side);
    if ((offset & 1) === 1) {
      state.control = (state.control & (CONTROL_C1_FLAG | CONTROL_C2_FLAG)) | (value & 0x3f);
      this.updateLine();
      return;
    }
    if ((state.control & CONTROL_SELECT_PORT) === 0) state.direction = value & 0xff;
    else {
      state.output = value & 0xff;
      this.peripheral?.portWritten?.(side, this.pins(side));
    }
  }

  /** A peripheral drives C1: the flag rises on the edge CRx bit 1 selects. */
  setC1(side: PiaSide, level: boolean): void {
    const state = this.sideState(side);
    const rising = (state.control & CONTROL_C1_RISING) !== 0;
    if (level !== state.c1 && level === rising) state.control |= CONTROL_C1_FLAG;
    state.c1 = level;
    this.updateLine();
  }

  /** True while C1's flag is up (a key is waiting on the Apple-1). */
  c1Flag(side: PiaSide): boolean {
    return (this.sideState(side).control & CONTROL_C1_FLAG) !== 0;
  }

  /** The port's pins: outputs where DDR bits are 1, the peripheral's levels elsewhere. */
  pins(side: PiaSide): number {
    const state = this.sideState(side);
    const input = this.peripheral?.inputPins(side) ?? 0xff;
    return ((state.output & state.direction) | (input & ~state.direction)) & 0xff;
  }

  reset(): void {
    this.a = freshSide();
    this.b = freshSide();
    this.updateLine();
  }

  saveState(): Pia6821State {
    return { a: { ...this.a }, b: { ...this.b }, peripheral: this.peripheral?.saveState?.() };
  }

  restoreState(state: Pia6821State): void {
    this.a = { ...state.a };
    this.b = { ...state.b };
    this.peripheral?.restoreState?.(state.peripheral);
    this.updateLine();
  }

  private sideState(side: PiaSide): SideState {
    return side === 'a' ? this.a : this.b;
  }

  private updateLine(): void {
    const asserted = (state: SideState): boolean =>
      ((state.control & CONTROL_C1_FLAG) !== 0 && (state.control & CONTROL_C1_IRQ_ENABLE) !== 0) ||
      ((state.control & CONTROL_C2_FLAG) !== 0 && (state.control & CONTROL_C2_IRQ_ENABLE) !== 0 && (state.control & CONTROL_C2_OUTPUT) === 0);
    this.wiring.setInterrupt(asserted(this.a) || asserted(this.b));
  }
}
