/**
 * MOS 6821 PIA (Motorola MC6820/6821): two 8-bit ports, each with a data direction register and a control
 * register. +0 port A data or DDRA, +1 CRA, +2 port B data or DDRB, +3 CRB; bit 2 of CRx chooses whether
 * +0/+2 reach the port (1) or its DDR (0).
 *
 * CRx: bit 0 enables IRQ from C1, bit 1 picks C1's active edge (1 rising), bits 3–5 configure C2, bit 6 is
 * the C2 flag and bit 7 the C1 flag (both read-only; reading the port's data clears them). C2 is an input
 * (bit 5 = 0: bit 4 picks its active edge, bit 3 enables its IRQ) or an output (bit 5 = 1): with bit 4 = 1 it
 * is bit 3's level; with bit 4 = 0 it is a strobe, low after a read of port A's data (CA2) or a write of
 * port B's (CB2), high again at C1's active edge (bit 3 = 0) or after one cycle (bit 3 = 1). Both IRQ outputs
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
/** C2 as an input: its active edge (1 rising); as an output: 1 manual (bit 3 is the level), 0 strobe. */
export const CONTROL_C2_RISING_OR_MANUAL = 0x10;
export const CONTROL_C2_OUTPUT = 0x20;
export const CONTROL_C2_FLAG = 0x40;
export const CONTROL_C1_FLAG = 0x80;

export type PiaSide = 'a' | 'b';

/** Whatever is connected to the ports. */
export interface PiaPeripheral {
  /** The pins' levels as the peripheral drives them (1 where it drives nothing: the inputs' pull-ups). */
  inputPins(side: PiaSide): number;
  /** The program wrote the port's output register (handshake peripherals react to this). */
  portWritten?(side: PiaSide, pins: number, pia: Pia6821): void;
  /** The program is about to read a register: the peripheral may signal C1 first (a key arriving). */
  beforeRead?(side: PiaSide, pia: Pia6821): void;
  /** C2 as an output changed level (a strobe or the manual level). */
  c2Changed?(side: PiaSide, level: boolean, pia: Pia6821): void;
  /** What the peripheral remembers (a latched key), saved and restored with the PIA. */
  saveState?(): unknown;
  restoreState?(state: unknown): void;
}

interface SideState {
  output: number;
  direction: number;
  control: number;
  c1: boolean;
  /** C2's input level (pulled up), and as a strobe output: low from the port access until it is restored. */
  c2: boolean;
  strobeLow: boolean;
  /** A one-cycle strobe ends at this cycle (0: none). */
  strobeUntil: number;
}

export interface Pia6821State {
  readonly a: Readonly<SideState>;
  readonly b: Readonly<SideState>;
  readonly peripheral: unknown;
}

const freshSide = (): SideState => ({ output: 0, direction: 0, control: 0, c1: false, c2: true, strobeLow: false, strobeUntil: 0 });

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
    if (side === 'a') this.strobe(side); // CA2's read strobe
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
      const before = this.c2Output(side);
      state.control = (state.control & (CONTROL_C1_FLAG | CONTROL_C2_FLAG)) | (value & 0x3f);
      if ((state.control & CONTROL_C2_OUTPUT) !== 0) state.control &= ~CONTROL_C2_FLAG; // no C2 flag while it is an output
      state.strobeLow = false;
      state.strobeUntil = 0;
      this.reportC2(side, before);
      this.updateLine();
      return;
    }
    if ((state.control & CONTROL_SELECT_PORT) === 0) state.direction = value & 0xff;
    else {
      state.output = value & 0xff;
      if (side === 'b') this.strobe(side); // CB2's write strobe
      this.peripheral?.portWritten?.(side, this.pins(side), this);
    }
  }

  /** A peripheral drives C1: the flag rises on the edge CRx bit 1 selects. */
  setC1(side: PiaSide, level: boolean): void {
    const state = this.sideState(side);
    const rising = (state.control & CONTROL_C1_RISING) !== 0;
    if (level !== state.c1 && level === rising) {
      state.control |= CONTROL_C1_FLAG;
      // A strobe waiting for C1 (bit 3 = 0) is restored by its active edge.
      if (state.strobeLow && (state.control & 0x38) === CONTROL_C2_OUTPUT) {
        const before = this.c2Output(side);
        state.strobeLow = false;
        this.reportC2(side, before);
      }
    }
    state.c1 = level;
    this.updateLine();
  }

  /** A peripheral drives C2: as an input, the edge CRx bit 4 selects sets the C2 flag (bit 6). */
  setC2(side: PiaSide, level: boolean): void {
    const state = this.sideState(side);
    const was = state.c2;
    state.c2 = level;
    if (was === level || (state.control & CONTROL_C2_OUTPUT) !== 0) return;
    const rising = (state.control & CONTROL_C2_RISING_OR_MANUAL) !== 0;
    if (level === rising) state.control |= CONTROL_C2_FLAG;
    this.updateLine();
  }

  /** C2's level as the PIA drives it when it is an output (true = high); an input reads as its pulled-up level. */
  c2Output(side: PiaSide): boolean {
    const state = this.sideState(side);
    if ((state.control & CONTROL_C2_OUTPUT) === 0) return true;
    if ((state.control & CONTROL_C2_RISING_OR_MANUAL) !== 0) return (state.control & CONTROL_C2_IRQ_ENABLE) !== 0;
    if (state.strobeUntil > 0) return this.wiring.clock() >= state.strobeUntil;
    return !state.strobeLow;
  }

  nextEventCycle(): number {
    const ends = [this.a.strobeUntil, this.b.strobeUntil].filter((cycle) => cycle > 0);
    return ends.length === 0 ? Infinity : Math.min(...ends);
  }

  service(now: number): void {
    for (const side of ['a', 'b'] as const) {
      const state = this.sideState(side);
      if (state.strobeUntil > 0 && now >= state.strobeUntil) {
        state.strobeUntil = 0;
        this.peripheral?.c2Changed?.(side, true, this);
      }
    }
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
    this.a = { ...freshSide(), ...state.a };
    this.b = { ...freshSide(), ...state.b };
    this.peripheral?.restoreState?.(state.peripheral);
    this.updateLine();
  }

  /** A port access pulls a strobe-mode C2 low: until C1's edge (bit 3 = 0) or for one cycle (bit 3 = 1). */
  private strobe(side: PiaSide): void {
    const state = this.sideState(side);
    if ((state.control & (CONTROL_C2_OUTPUT | CONTROL_C2_RISING_OR_MANUAL)) !== CONTROL_C2_OUTPUT) return;
    const before = this.c2Output(side);
    if ((state.control & CONTROL_C2_IRQ_ENABLE) === 0) state.strobeLow = true;
    else {
      state.strobeUntil = this.wiring.clock() + 1;
      this.wiring.reschedule();
    }
    this.reportC2(side, before);
  }

  private reportC2(side: PiaSide, before: boolean): void {
    const after = this.c2Output(side);
    if (after !== before) this.peripheral?.c2Changed?.(side, after, this);
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
